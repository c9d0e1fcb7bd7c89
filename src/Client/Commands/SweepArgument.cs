using System.CommandLine;

namespace HyperSweep.Client.Commands;

/// <summary>The <c>&lt;sweep&gt;</c> argument: an id, a name (newest sweep with it) or a unique id prefix.</summary>
public static class SweepArgument
{
    public static Argument<string> Create() => new("sweep") { Description = "The sweep: its id, its name (the newest sweep with that name) or a unique id prefix." };
}

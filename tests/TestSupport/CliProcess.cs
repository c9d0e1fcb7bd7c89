namespace HyperSweep.TestSupport;

/// <summary>
/// Starts the real <c>hypersweep</c> CLI as a child process: the hypersweep.dll built beside the test assembly (test
/// projects that reference src/Client have it), with TERM=dumb so it prints plain lines.
/// </summary>
public static class CliProcess
{
    public static OwnedProcess Start(params string[] arguments) => Start(new Dictionary<string, string>(), arguments);

    public static OwnedProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        OwnedProcess.Start(
            "hypersweep " + arguments.FirstOrDefault(),
            "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "hypersweep.dll"), .. arguments],
            new Dictionary<string, string>(environment) { ["TERM"] = "dumb" });
}

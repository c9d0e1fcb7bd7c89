using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts.Artifacts;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep gc [--dry-run] [--min-age 01:00:00]</c>: delete artifacts no sweep or trial references (after crashes).</summary>
public static class GcCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would be deleted." };
        var minAge = new Option<TimeSpan>("--min-age")
        {
            Description = "Leave files younger than this alone (hh:mm:ss; a trial writes a checkpoint before it records it).",
            DefaultValueFactory = _ => TimeSpan.FromHours(1),
        };
        var command = new Command("gc", "Delete artifact-store files that no sweep or trial references: released weights a crash left, dead sweeps, unfinished writes.")
        {
            dryRun, minAge,
        };
        command.WithExamples(
            "hypersweep gc --dry-run",
            "hypersweep gc --min-age 02:00:00   # only files older than two hours");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var age = parse.GetValue(minAge);
            if (age < TimeSpan.Zero)
            {
                throw new CliInputException($"--min-age must not be negative, not {age}");
            }

            var report = await context.Grains.GetGrain<IArtifactCollectorGrain>(0).Collect(new GarbageRequest(parse.GetValue(dryRun), age));
            if (context.Json)
            {
                JsonReport.WriteDocument(context.Out, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("store", report.Store);
                    json.WriteBoolean("dry_run", report.DryRun);
                    json.WriteNumber("bytes", report.UnreferencedBytes);
                    json.WriteNumber("kept", report.Kept);
                    json.WriteStartArray("unreferenced");
                    report.Unreferenced.ToList().ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            foreach (var path in report.Unreferenced)
            {
                await context.Out.WriteLineAsync(path);
            }

            if (!context.Quiet)
            {
                await context.Error.WriteLineAsync(
                    $"{(report.DryRun ? "would delete" : "deleted")} {report.Unreferenced.Count} unreferenced file(s), {report.UnreferencedBytes / 1024.0:0.#} KiB, in {report.Store}; {report.Kept} file(s) in use");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

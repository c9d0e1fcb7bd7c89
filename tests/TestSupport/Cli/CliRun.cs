namespace HyperSweep.TestSupport;

/// <summary>
/// One in-process invocation of the hypersweep command tree with its exit code and captured output. Compiled into the
/// test projects that reference the CLI (linked from their .csproj), not into TestSupport, which stays free of it.
/// </summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HyperSweep.Client.HyperSweepCli.InvokeAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

namespace HyperSweep.Dashboard.Tests;

/// <summary>One in-process invocation of the hypersweep command tree with its exit code and captured output.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Client.HyperSweepCli.InvokeAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

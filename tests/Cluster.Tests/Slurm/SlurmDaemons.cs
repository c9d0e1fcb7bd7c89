using System.Globalization;
using System.Text.RegularExpressions;
using HyperSweep.Silo;

namespace HyperSweep.Cluster.Tests.Slurm;

/// <summary>
/// A real one-node Slurm (Debian's slurm-wlm and munge, installed by .ci/run) for the tests: munged, slurmctld and
/// slurmd started in the foreground as this test's own processes, configured by slurm.conf.template on free loopback
/// ports, everything under one temporary folder. Jobs the tests submit are cancelled at the end, then the daemons are
/// stopped by PID and the folder removed. The daemons run as root, as they must to start jobs (CI runs as root).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class SlurmDaemons : IAsyncLifetime
{
    private const int Cpus = 2;

    private readonly TempFolder _folder = new("hypersweep-slurm-");
    private readonly List<OwnedProcess> _daemons = [];
    private readonly List<string> _jobs = [];

    public string Directory => _folder.Path;

    public string ConfigFile => _folder.Combine("slurm.conf");

    [GeneratedRegex(@"Submitted batch job (\d+)")]
    private static partial Regex SubmittedLine();

    public async Task InitializeAsync()
    {
        foreach (var sub in new[] { "spool", "state", "log", "run" })
        {
            System.IO.Directory.CreateDirectory(_folder.Combine(sub));
        }

        // munged refuses a socket in a folder others cannot traverse, and a key others can read or that is not its user's.
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(_folder.Combine("run"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var key = _folder.Combine("munge.key");
        await File.WriteAllBytesAsync(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Slurm", "slurm.conf.template"));
        await File.WriteAllTextAsync(ConfigFile, template
            .Replace("{{DIR}}", Directory, StringComparison.Ordinal)
            .Replace("{{CTLD_PORT}}", FreePort.OnLoopback().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{SLURMD_PORT}}", FreePort.OnLoopback().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{CPUS}}", Cpus.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var munged = Daemon("munged", "/usr/sbin/munged", "-F", $"--key-file={key}", $"--socket={_folder.Combine("run", "munge.sock")}",
            $"--pid-file={_folder.Combine("run", "munged.pid")}", $"--log-file={_folder.Combine("log", "munged.log")}", $"--seed-file={_folder.Combine("run", "munge.seed")}");
        await Poll.Until(() => File.Exists(_folder.Combine("run", "munge.sock")) || munged.HasExited, TimeSpan.FromSeconds(20), () => "munged did not start:\n" + munged.Output);
        Assert.False(munged.HasExited, "munged exited:\n" + munged.Output);
        Daemon("slurmctld", "/usr/sbin/slurmctld", "-D", "-i", "-f", ConfigFile);
        Daemon("slurmd", "/usr/sbin/slurmd", "-D", "-N", "localhost", "-f", ConfigFile);
        await Poll.Until(async () => (await Run("sinfo", "-h", "-n", "localhost", "-o", "%T")).Output.Trim() == "idle",
            TimeSpan.FromSeconds(60), () => $"the node did not become idle:\n{Logs()}");
    }

    /// <summary>
    /// Submits deploy/slurm/silos.sbatch for <paramref name="silos"/> silo steps on the one node (one CPU each; the
    /// recipe's own defaults ask for more than the test node has), with <paramref name="environment"/> and extra sbatch
    /// options. Returns the job id.
    /// </summary>
    public async Task<string> SubmitSilos(int silos, IReadOnlyDictionary<string, string> environment, params string[] options)
    {
        var (exit, output) = await Run("sbatch",
        [
            $"--ntasks={silos}", "--ntasks-per-node=" + silos, "--cpus-per-task=1", "--mem=1000M", $"--chdir={Directory}",
            $"--output={_folder.Combine("log", "silos-%j.out")}", .. options, RepositoryPaths.Of("deploy", "slurm", "silos.sbatch"),
        ], environment);
        var match = SubmittedLine().Match(output);
        Assert.True(exit == 0 && match.Success, $"sbatch failed ({exit}): {output}");
        var job = match.Groups[1].Value;
        _jobs.Add(job);
        return job;
    }

    /// <summary>The job's step ids that are running (<c>job.0</c>, <c>job.1</c>, …), in order.</summary>
    public async Task<IReadOnlyList<string>> RunningSteps(string job)
    {
        var (_, output) = await Run("squeue", "-h", "-s", "-j", job, "-o", "%i");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => Regex.IsMatch(s, @"^\d+\.\d+$")).Order(StringComparer.Ordinal)];
    }

    /// <summary>The job's state as squeue shows it (RUNNING, PENDING, ...), or "" once it has left the queue.</summary>
    public async Task<string> State(string job) => (await Run("squeue", "-h", "-j", job, "-o", "%T")).Output.Trim();

    /// <summary>Slurm sends <paramref name="signal"/> to one job step (scancel --signal), as a preemption of that step does.</summary>
    public Task Signal(string step, string signal) => Checked("scancel", $"--signal={signal}", step);

    /// <summary>
    /// Requeues the job (every step is signalled) and lets it start again almost at once: a requeued job waits for a begin
    /// time two minutes off. The begin time can only be moved once the job is back in the queue waiting for it (its steps
    /// ended after their silos drained); before that the job still shows RUNNING or COMPLETING, and an update then is
    /// overwritten by the requeue. It is moved to two seconds from now, not to now: slurmd refuses to launch a job whose
    /// credential was issued in the same second as the requeue revoked the previous one ("Job credential revoked", and the
    /// job fails), which a start at once hit in one CI run.
    /// </summary>
    public async Task Requeue(string job)
    {
        await Checked("scontrol", "requeue", job);
        var seen = "";
        await Poll.Until(async () => (seen = await StateAndReason(job)) == "PENDING BeginTime", TimeSpan.FromSeconds(120),
            () => $"the job was not requeued: squeue shows '{seen}'\n{Logs()}");
        await Checked("scontrol", "update", $"JobId={job}", "StartTime=now+2");
    }

    /// <summary>The job's state and the reason it is in it, as squeue shows them ("PENDING BeginTime", "RUNNING None", ...).</summary>
    private async Task<string> StateAndReason(string job) => (await Run("squeue", "-h", "-j", job, "-o", "%T %r")).Output.Trim();

    /// <summary>Shortens the job's time limit to <paramref name="minutes"/>: Slurm then signals it as its recipe asks (--signal) and ends it.</summary>
    public Task LimitTime(string job, int minutes) => Checked("scontrol", "update", $"JobId={job}", $"TimeLimit={minutes}");

    public string Logs() =>
        string.Join("\n", _daemons.Select(d => $"--- {d.Name} exited={d.HasExited}\n{d.Output}"))
        + string.Concat(System.IO.Directory.GetFiles(_folder.Combine("log")).Select(f => $"\n--- {Path.GetFileName(f)}\n{Tail(File.ReadAllText(f))}"));

    /// <summary>Cancels every job submitted so far (their silos get SIGTERM) and waits until the node is free again.</summary>
    public async Task CancelJobsAsync()
    {
        foreach (var job in _jobs)
        {
            await Run("scancel", job);
        }

        _jobs.Clear();
        await Poll.Until(async () => (await Run("squeue", "-h", "-o", "%i")).Output.Trim().Length == 0,
            TimeSpan.FromSeconds(90), () => "jobs did not end:\n" + Logs());
    }

    public async Task DisposeAsync()
    {
        // The jobs first (their silos are Slurm's processes, not ours), then the daemons, by PID.
        await CancelJobsAsync();
        foreach (var daemon in Enumerable.Reverse(_daemons))
        {
            await daemon.StopAsync(TimeSpan.FromSeconds(15));
            daemon.Dispose();
        }

        _folder.Dispose();
    }

    private OwnedProcess Daemon(string name, string file, params string[] arguments)
    {
        var daemon = OwnedProcess.Start(name, file, arguments, new Dictionary<string, string> { ["SLURM_CONF"] = ConfigFile });
        _daemons.Add(daemon);
        return daemon;
    }

    private async Task Checked(string command, params string[] arguments)
    {
        var (exit, output) = await Run(command, arguments);
        Assert.True(exit == 0, $"{command} {string.Join(' ', arguments)} failed ({exit}): {output}");
    }

    private Task<(int Exit, string Output)> Run(string command, params string[] arguments) => Run(command, arguments, null);

    private Task<(int Exit, string Output)> Run(string command, string[] arguments, IReadOnlyDictionary<string, string>? environment)
    {
        var withConfig = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["SLURM_CONF"] = ConfigFile };
        return ShortCommand.RunAsync(command, arguments, withConfig, TimeSpan.FromSeconds(60));
    }

    private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
}

using System.Text.Json;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Cluster.Tests.Slurm;

/// <summary>
/// deploy/slurm/silos.sbatch on a real Slurm (one node, two silo job steps) with a throwaway Redis, and a sweep run
/// from the CLI: Slurm preempting one silo step (<c>scancel --signal=TERM job.step</c>), requeueing the whole job
/// (<c>scontrol requeue</c>) and ending it at its time limit (the recipe's <c>--signal=TERM@…</c>) each move the running
/// trials to a silo that resumes them from the batch they had reached; the sweep completes with every trial once and
/// every epoch counted once. The gate holds every trial after batch 4 of epoch 2, so each disruption finds them there.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SlurmPreemptionTests(SlurmDaemons slurm) : IClassFixture<SlurmDaemons>, IAsyncLifetime
{
    private const int Trials = 4;
    private const int Epochs = 3;
    private const int Batches = 10;
    private const int HeldAfterBatch = 4;

    private readonly EpochGate _gate = new();
    private readonly TempFolder _folder = new("hypersweep-slurm-test-");
    private readonly string _clusterId = "slurm-" + Guid.NewGuid().ToString("N")[..8];
    private RedisServer? _redis;

    private string Address => $"redis://{_redis!.Endpoint}/{_clusterId}";

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _gate.Allow(1);
        _gate.AllowBatches(2, HeldAfterBatch);
    }

    [Fact]
    public async Task One_silo_step_preempted_mid_sweep_hands_its_trial_to_the_other_and_the_sweep_loses_nothing()
    {
        var job = await slurm.SubmitSilos(2, SiloEnvironment());
        await WaitForSilos(2);
        using var run = StartRun();
        await HeldTrials(2, run);

        var steps = await slurm.RunningSteps(job);
        Assert.Equal(2, steps.Count);
        await slurm.Signal(steps[0], "TERM");
        // The step ends only after its silo drained (its trial checkpointed and handed back) and left: the held trials
        // may go on from then. (The membership may show the silo as leaving before the drain has begun.)
        await Poll.Until(async () => (await slurm.RunningSteps(job)).Count == 1, TimeSpan.FromSeconds(120), () => $"the signalled step did not end\n{slurm.Logs()}");
        await WaitForSilos(1);
        _gate.Open();

        var sweep = await Finished(run);
        await using var client = await Connect();
        var details = await SweepChecks.EveryTrialCompletedOnce(client.Client, sweep, Trials, Epochs);
        var active = (await client.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys.Select(s => s.ToParsableString()).ToHashSet();
        var preempted = details.Where(d => !active.Contains(d.Attempts[0].Silo)).ToList();
        Assert.Single(preempted); // one slot per silo: the preempted silo ran one trial
        foreach (var detail in preempted)
        {
            // Handed over by the preempted silo after batch 4 of epoch 2, and resumed from there by the other one.
            var last = detail.Attempts[^1];
            Assert.True(active.Contains(last.Silo), string.Join(", ", detail.Attempts));
            Assert.True((last.ResumedFromEpoch, last.ResumedFromBatch) == (1, HeldAfterBatch), string.Join(", ", detail.Attempts));
        }
    }

    [Fact]
    public async Task A_requeued_job_and_one_that_reaches_its_time_limit_lose_nothing_of_the_sweep()
    {
        // A time limit far off, and the signal the recipe asks for before it (shorter than its 60 s, to keep the test short).
        var job = await slurm.SubmitSilos(2, SiloEnvironment(), "--time=10", "--signal=TERM@30");
        await WaitForSilos(2);
        using var run = StartRun();
        await HeldTrials(2, run);

        // Requeue: every silo drains and leaves, the job starts again, and its new silos resume the two trials at batch 5.
        await slurm.Requeue(job);
        await HeldTrials(4, run);

        // The time limit: Slurm signals the steps (--signal=TERM@30), the silos drain again, and the job ends.
        await slurm.LimitTime(job, minutes: 1);
        await Poll.Until(async () => await slurm.State(job) == "", TimeSpan.FromSeconds(120), () => $"the job did not end at its time limit\n{slurm.Logs()}");

        // The sweep waited without silos; a new job's silos finish it.
        await slurm.SubmitSilos(2, SiloEnvironment());
        await HeldTrials(6, run);
        _gate.Open();

        var sweep = await Finished(run);
        await using var client = await Connect();
        var details = await SweepChecks.EveryTrialCompletedOnce(client.Client, sweep, Trials, Epochs);
        var held = details.Where(d => d.Attempts.Count >= 3).ToList();
        Assert.Equal(2, held.Count);
        Assert.All(held, d => Assert.All(d.Attempts.Skip(1), a => Assert.True((a.ResumedFromEpoch, a.ResumedFromBatch) == (1, HeldAfterBatch), string.Join(", ", d.Attempts))));
    }

    public async Task DisposeAsync()
    {
        await slurm.CancelJobsAsync(); // the next test needs the node's CPUs
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _gate.Dispose();
        _folder.Dispose();
    }

    private Dictionary<string, string> SiloEnvironment() => new()
    {
        ["HYPERSWEEP_REDIS"] = _redis!.Endpoint,
        ["HYPERSWEEP_CLUSTER_ID"] = _clusterId,
        ["HYPERSWEEP_DEPLOY"] = RepositoryPaths.Of("deploy"),
        ["HYPERSWEEP_SILO"] = Paths.SiloBinary,
        ["HYPERSWEEP_ADVERTISE"] = "127.0.0.1",
        ["HYPERSWEEP_STATE_DIR"] = _folder.Combine("silo-state"),
        ["HYPERSWEEP_ARTIFACTS"] = _folder.Combine("artifacts"),
        ["HYPERSWEEP_REDIS_PASSWORD_FILE"] = _folder.Combine("no-password"),
        ["HyperSweep__Workload"] = "Synthetic",
        [SyntheticTrialWorkload.GateVariable] = _gate.Folder,
    };

    private OwnedProcess StartRun()
    {
        var spec = _folder.Write("spec.yaml", SweepSpecs.Random(Trials, Epochs, concurrency: 2, name: "slurm-sweep")
            .Replace("pruner: {name: none}", $"pruner: {{name: none}}\nmodel: {{synthetic_batches: {Batches}}}", StringComparison.Ordinal));
        // The connect timeout bounds a failure, not a wait: on a loaded CI machine the default 15 s can pass before the
        // silos' gateways answer a new client, though they have already answered WaitForSilos.
        return CliProcess.Start("run", spec, "--cluster", Address, "--workload", "synthetic", "--json", "--connect-timeout", "120");
    }

    private async Task HeldTrials(int arrivals, OwnedProcess run) =>
        await Poll.Until(() => _gate.Arrived(2, HeldAfterBatch + 1) >= arrivals || run.HasExited, TimeSpan.FromSeconds(120),
            () => $"{_gate.Arrived(2, HeldAfterBatch + 1)} of {arrivals} attempts held in epoch 2\n--- run\n{run.Output}\n{slurm.Logs()}");

    private async Task WaitForSilos(int count)
    {
        await Poll.Until(async () =>
        {
            try
            {
                await using var client = await ClusterConnection.ConnectAsync(ClusterAddress.Parse(Address), TimeSpan.FromSeconds(5));
                return (await client.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count == count;
            }
            catch (ClusterUnreachableException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(120), () => $"not {count} active silos\n{slurm.Logs()}");
    }

    private static async Task<string> Finished(OwnedProcess run)
    {
        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(180));
        Assert.True(exit == 0, $"run exited {exit}:\n{run.Output}");
        using var report = JsonDocument.Parse(string.Join('\n', run.Stdout));
        Assert.Equal("completed", report.RootElement.GetProperty("state").GetString());
        return report.RootElement.GetProperty("sweep_id").GetString()!;
    }

    private Task<ClusterConnection> Connect() => ClusterConnection.ConnectAsync(ClusterAddress.Parse(Address), TimeSpan.FromSeconds(20));
}

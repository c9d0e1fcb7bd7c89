using HyperSweep.Contracts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Grains.Slots;
using HyperSweep.Grains.Storage;
using HyperSweep.Grains.Workloads;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>
/// An in-process Orleans cluster running the real grains on durable SQLite state (one file shared by the silos,
/// so state survives a stopped silo) and one artifact store directory, with short monitor intervals so tests finish quickly.
/// </summary>
internal sealed class SweepCluster : IAsyncDisposable
{
    private readonly string _directory;

    private SweepCluster(InProcessTestCluster cluster, string directory)
    {
        Cluster = cluster;
        _directory = directory;
    }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The artifact store's root (checkpoints and kept models of every silo).</summary>
    public string ArtifactRoot => Path.Combine(_directory, "artifacts");

    /// <summary>The files in the artifact store, relative to its root.</summary>
    public IReadOnlyList<StoredFile> ArtifactFiles() => [.. new FileArtifactStore(ArtifactRoot).Files()];

    public static async Task<SweepCluster> StartAsync(
        short silos, int slotsPerSilo, Func<IServiceProvider, ITrialWorkload>? workload = null, int journalSegmentEntries = 256, Action<TrainingSlotOptions>? training = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "hs-cluster-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(Path.Combine(directory, "artifacts"));
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(Path.Combine(directory, "state.db"));
            silo.AddFileArtifactStore(Path.Combine(directory, "artifacts"));
            silo.AddHyperSweep(
                s =>
                {
                    s.Slots = slotsPerSilo;
                    training?.Invoke(s);
                },
                o =>
                {
                    o.MonitorInterval = TimeSpan.FromMilliseconds(200);
                    o.WakeInterval = TimeSpan.FromSeconds(1);
                    o.ProbeInterval = TimeSpan.FromMilliseconds(500);
                    o.ReportRetryBudget = TimeSpan.FromSeconds(20);
                    o.JournalSegmentEntries = journalSegmentEntries;
                });
            if (workload is null)
            {
                silo.Services.AddSingleton<ITrialWorkload, SyntheticTrialWorkload>();
            }
            else
            {
                silo.Services.AddSingleton<ITrialWorkload>(workload);
            }
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SweepCluster(cluster, directory);
    }

    public ISweepGrain Sweep(string id) => Grains.GetGrain<ISweepGrain>(id);

    public IEnumerable<TrainingSlots> Slots() =>
        Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<TrainingSlots>());

    /// <summary>Submits <paramref name="spec"/> as a new sweep and returns its id; fails the test if it is rejected.</summary>
    public async Task<string> SubmitAsync(string spec)
    {
        var id = SweepIds.New();
        var result = await Sweep(id).Submit(new SweepSubmission(spec, "test.json"));
        Assert.True(result.Accepted, string.Join("; ", result.Errors));
        return id;
    }

    /// <summary>Polls until the sweep is final (completed, cancelled or failed) and returns its status.</summary>
    public async Task<SweepStatus> WaitFinishedAsync(string id, TimeSpan? timeout = null)
    {
        SweepStatus? status = null;
        await Poll.Until(async () => (status = await Sweep(id).GetStatus()) is { IsFinal: true }, timeout ?? TimeSpan.FromSeconds(60), () => $"sweep {id} did not finish: {status}");
        return status!;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection of a stopped silo may still hold the file for a moment; the temp dir is disposable.
        }
    }
}

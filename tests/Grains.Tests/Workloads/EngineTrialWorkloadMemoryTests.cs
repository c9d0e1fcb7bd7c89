using System.Runtime.CompilerServices;
using HyperSweep.Engine.Tasks;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search;

namespace HyperSweep.Grains.Tests.Workloads;

/// <summary>
/// The silo runs trial after trial in one process, and frees a finished trial's memory with a collection
/// (TrialMemoryReclaimer): that only works if nothing in the workload (its callbacks, the checkpoint it hands over,
/// the shared task data cache) keeps the trial's buffers reachable once it has handed them over or ended.
/// </summary>
public sealed class EngineTrialWorkloadMemoryTests
{
    [Fact]
    public void Checkpoints_handed_over_are_unreachable_once_the_run_returns()
    {
        var checkpoints = RunOneTrial();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(3, checkpoints.Count);
        Assert.All(checkpoints, checkpoint => Assert.False(checkpoint.IsAlive, "a checkpoint handed over is still reachable after the run"));
    }

    /// <summary>Runs a 3-epoch trial and returns weak references to each epoch's checkpoint; not inlined, so no local outlives it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference> RunOneTrial()
    {
        var task = new TaskDefinition(TaskKind.Classification, new AgreementDataSpec(new AgreementOptions(Size: 64, DevSize: 16, Vocabulary: 6, Seed: 11)));
        var parameters = new Dictionary<string, object> { ["arch"] = "dan", ["embedding_dim"] = 8, ["hidden_size"] = 8, ["batch_size"] = 16, ["optimizer"] = "adam" };
        var request = new TrialWorkloadRequest(task, parameters, Seed: 5, MaxEpochs: 3, ResumeCheckpoint: null, ResumeEpoch: 0,
            new Objective("val_accuracy", StudyDirection.Maximize));
        var checkpoints = new List<WeakReference>();
        var result = new EngineTrialWorkload().Run(request, epoch =>
        {
            checkpoints.Add(new WeakReference(epoch.Checkpoint ?? throw new InvalidOperationException($"epoch {epoch.Epoch} came without a checkpoint")));
            return true;
        }, CancellationToken.None);

        Assert.Null(result.FailureReason);
        Assert.Equal(3, result.LastEpoch);
        return checkpoints;
    }
}

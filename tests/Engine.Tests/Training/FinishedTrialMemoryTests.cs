using System.Runtime.CompilerServices;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

/// <summary>
/// A host that runs trial after trial in one process (a silo) relies on a finished trial's model, optimizer state,
/// step buffers and checkpoints becoming garbage when its run returns: nothing in the Engine (a thread's active arena,
/// the shared task data, a static cache) may keep them reachable, or every trial would add its memory to the process.
/// </summary>
public sealed class FinishedTrialMemoryTests
{
    [Fact]
    public void A_finished_trials_model_optimizer_state_and_checkpoints_are_unreachable()
    {
        var cache = new TaskDataCache();
        var buffers = RunOneTrial(cache);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Null(TensorArena.Active);
        Assert.All(buffers, buffer => Assert.False(buffer.Reference.IsAlive, $"{buffer.Name} is still reachable after the trial ended"));
        Assert.NotNull(cache.GetOrBuild(Task, DataSets.Root)); // the task data is shared on purpose and stays
    }

    private static TaskDefinition Task => Agreement(TaskKind.Classification, size: 64, devSize: 16);

    /// <summary>Runs a trial and returns weak references to its big buffers; not inlined, so no local of it outlives the call.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<(string Name, WeakReference Reference)> RunOneTrial(TaskDataCache cache)
    {
        var parameters = Parameters(("arch", "dan"), ("embedding_dim", 8), ("hidden_size", 8), ("batch_size", 16), ("optimizer", "adam"));
        var setup = TrialRunner.Prepare(Request(Task, parameters, maxEpochs: 2, earlyStopping: new EarlyStoppingOptions(5)), cache);
        var weights = setup.Model.Parameters[0];
        var buffers = new List<(string Name, WeakReference Reference)>
        {
            ("the model", new WeakReference(setup.Model)),
            ("the trainer", new WeakReference(setup.Trainer)),
            ("the first parameter's values", new WeakReference(weights.Data)),
            ("the optimizer's first state buffer", new WeakReference(setup.Optimizer.State[0])),
        };
        var result = setup.Trainer.RunAsync(new TrainingCallbacks(
            OnBatch: _ => buffers.Add(("a parameter's gradient", new WeakReference(weights.Grad))),
            OnCheckpoint: (_, bytes, _) =>
            {
                buffers.Add(("a checkpoint", new WeakReference(bytes)));
                return ValueTask.CompletedTask;
            })).GetAwaiter().GetResult();

        Assert.Equal(2, result.Epochs.Count);
        Assert.Contains(buffers, buffer => buffer.Name == "a checkpoint");
        Assert.Contains(buffers, buffer => buffer.Name == "a parameter's gradient" && buffer.Reference.IsAlive);
        return buffers;
    }
}

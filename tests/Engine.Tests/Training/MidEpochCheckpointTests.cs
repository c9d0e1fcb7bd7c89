using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Search;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

/// <summary>
/// Checkpoints inside an epoch (a preemption stops at the next batch boundary): a run stopped after batch k and resumed
/// from that checkpoint ends with the same metrics, best epoch and final checkpoint as a run never stopped, bit for bit —
/// for a classifier with dropout and word dropout, and for a language model whose hidden state crosses batches.
/// </summary>
public sealed class MidEpochCheckpointTests
{
    private const int Epochs = 3;

    private static readonly Dictionary<string, object?> Dan = Parameters(
        ("arch", "dan"), ("embedding_dim", 8), ("hidden_size", 8), ("hidden_layers", 1), ("batch_size", 16), ("lr", 0.01),
        ("dropout", 0.2), ("word_dropout", 0.1), ("lr_decay", 0.5));

    private static readonly Dictionary<string, object?> LstmLm = Parameters(
        ("arch", "rnn"), ("cell", "lstm"), ("embedding_dim", 8), ("hidden_size", 8), ("batch_size", 4), ("bptt", 6), ("dropout", 0.1),
        ("optimizer", "sgd"), ("lr", 1.0), ("momentum", 0.5), ("clip", 0.5), ("lr_decay", 0.5));

    [Theory]
    [InlineData(TaskKind.Classification, 1)]
    [InlineData(TaskKind.Classification, 5)]
    [InlineData(TaskKind.Classification, -1)] // after the last batch: the resumed run goes straight to validation
    [InlineData(TaskKind.LanguageModel, 1)]
    [InlineData(TaskKind.LanguageModel, 7)]
    [InlineData(TaskKind.LanguageModel, -1)]
    public async Task Stopped_after_batch_k_of_epoch_2_and_resumed_equals_the_uninterrupted_run_bit_for_bit(TaskKind kind, int stopAfter)
    {
        var (request, epochCheckpoints, uninterrupted) = await Uninterrupted(kind);
        var batches = (await Stopped(request, epoch: 1, batch: int.MaxValue)).Batches;
        var batch = stopAfter < 0 ? batches : stopAfter;

        var (stopped, mid, _) = await Stopped(request, epoch: 2, batch);
        Assert.Equal(TrialState.Cancelled, stopped.Outcome);
        Assert.Equal((2, batch), (stopped.StoppedAt!.Epoch, stopped.StoppedAt.Batch));
        Assert.Single(stopped.Epochs);
        Assert.Equal(CheckpointFormatVersion.MidEpoch, BitConverter.ToInt32(mid!, 8));

        var resumedCheckpoints = new Dictionary<int, byte[]>();
        var resumed = await TrialRunner.RunAsync(request with { ResumeFrom = mid }, Capture(resumedCheckpoints));
        Assert.Equal(uninterrupted.Epochs, resumed.Epochs);
        Assert.Equal((uninterrupted.BestEpoch, uninterrupted.BestValue, uninterrupted.Outcome), (resumed.BestEpoch, resumed.BestValue, resumed.Outcome));
        Assert.Equal(epochCheckpoints[Epochs], resumedCheckpoints[Epochs]);
    }

    [Fact]
    public async Task Stopped_twice_in_different_epochs_and_resumed_each_time_still_equals_the_uninterrupted_run()
    {
        var (request, _, uninterrupted) = await Uninterrupted(TaskKind.LanguageModel);
        var (_, first, _) = await Stopped(request, epoch: 1, batch: 3);
        var (_, second, _) = await Stopped(request with { ResumeFrom = first }, epoch: 3, batch: 2);

        var resumed = await TrialRunner.RunAsync(request with { ResumeFrom = second });

        Assert.Equal(uninterrupted.Epochs, resumed.Epochs);
    }

    [Fact]
    public async Task Periodic_checkpoints_change_nothing_in_the_run_and_each_resumes_to_the_same_end()
    {
        var (request, _, uninterrupted) = await Uninterrupted(TaskKind.Classification);
        var periodic = new List<byte[]>();
        var checkpointed = await TrialRunner.RunAsync(request, new TrainingCallbacks(
            AfterBatch: p => p.Batch % 4 == 0 ? BatchAction.Checkpoint : BatchAction.Continue,
            OnBatchCheckpoint: (_, bytes, _) =>
            {
                periodic.Add(bytes);
                return ValueTask.CompletedTask;
            }));

        Assert.Equal(uninterrupted.Epochs, checkpointed.Epochs);
        Assert.NotEmpty(periodic);
        var resumed = await TrialRunner.RunAsync(request with { ResumeFrom = periodic[periodic.Count / 2] });
        Assert.Equal(uninterrupted.Epochs, resumed.Epochs);
    }

    [Fact]
    public async Task A_mid_epoch_checkpoint_for_data_with_fewer_batches_is_refused()
    {
        var (request, _, _) = await Uninterrupted(TaskKind.Classification);
        var (_, mid, _) = await Stopped(request, epoch: 1, batch: 10);
        // Same model and data, larger batches: 300 examples in batches of 128 make 3 batches per epoch.
        var larger = request with { Parameters = new Dictionary<string, object?>(Dan) { ["batch_size"] = 128 }, ResumeFrom = mid };

        var error = Assert.ThrowsAny<EngineException>(() => TrialRunner.Prepare(larger));

        Assert.Contains("taken after batch 10 of an epoch, but this data has 3 batches per epoch", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(TrialRequest Request, Dictionary<int, byte[]> Checkpoints, TrainingResult Result)> Uninterrupted(TaskKind kind)
    {
        var request = Request(Agreement(kind), kind == TaskKind.Classification ? Dan : LstmLm, maxEpochs: Epochs,
            earlyStopping: new EarlyStoppingOptions(Patience: 5, MinDelta: 0.0, RestoreBestWeights: true));
        var checkpoints = new Dictionary<int, byte[]>();
        var result = await TrialRunner.RunAsync(request, Capture(checkpoints));
        Assert.Equal(Epochs, result.Epochs.Count);
        return (request, checkpoints, result);
    }

    /// <summary>Runs <paramref name="request"/> until after batch <paramref name="batch"/> of <paramref name="epoch"/> (or the epoch's last).</summary>
    private static async Task<(TrainingResult Result, byte[]? Checkpoint, int Batches)> Stopped(TrialRequest request, int epoch, int batch)
    {
        byte[]? checkpoint = null;
        var batches = 0;
        var result = await TrialRunner.RunAsync(request, new TrainingCallbacks(
            AfterBatch: p =>
            {
                batches = p.BatchCount;
                return p.Epoch == epoch && p.Batch == Math.Min(batch, p.BatchCount) ? BatchAction.CheckpointAndStop : BatchAction.Continue;
            },
            OnBatchCheckpoint: (_, bytes, _) =>
            {
                checkpoint = bytes;
                return ValueTask.CompletedTask;
            }));
        return (result, checkpoint, batches);
    }

    private static TrainingCallbacks Capture(Dictionary<int, byte[]> checkpoints) =>
        new(OnCheckpoint: (epoch, bytes, _) =>
        {
            checkpoints[epoch] = bytes;
            return ValueTask.CompletedTask;
        });

    private static class CheckpointFormatVersion
    {
        public const int MidEpoch = 2;
    }
}

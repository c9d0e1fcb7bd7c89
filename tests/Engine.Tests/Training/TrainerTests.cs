using HyperSweep.Search;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

public sealed class TrainerTests
{
    private static readonly Dictionary<string, object?> SmallDan = Parameters(
        ("arch", "dan"), ("embedding_dim", 8), ("hidden_size", 8), ("hidden_layers", 1), ("batch_size", 16), ("lr", 0.01), ("dropout", 0.2), ("word_dropout", 0.1));

    private static readonly Dictionary<string, object?> SmallLstmLm = Parameters(
        ("arch", "rnn"), ("cell", "lstm"), ("embedding_dim", 8), ("hidden_size", 8), ("batch_size", 4), ("bptt", 6), ("lr", 0.01), ("dropout", 0.1));

    [Fact]
    public async Task The_same_seed_gives_identical_metrics_and_another_seed_different_ones()
    {
        var task = Agreement(TaskKind.Classification);

        var first = await TrialRunner.RunAsync(Request(task, SmallDan, maxEpochs: 3));
        var again = await TrialRunner.RunAsync(Request(task, SmallDan, maxEpochs: 3));
        var other = await TrialRunner.RunAsync(Request(task, SmallDan, maxEpochs: 3, seed: 6));

        Assert.Equal(TrialState.Completed, first.Outcome);
        Assert.Equal(3, first.Epochs.Count);
        Assert.Equal(first.Epochs, again.Epochs);
        Assert.NotEqual(first.Epochs, other.Epochs);
        Assert.All(first.Epochs, m => Assert.NotNull(m.ValAccuracy));
        Assert.All(first.Epochs, m => Assert.Null(m.ValPerplexity));
    }

    [Theory]
    [InlineData(TaskKind.Classification)]
    [InlineData(TaskKind.LanguageModel)]
    public async Task Resuming_from_the_checkpoint_after_epoch_k_gives_bit_identical_metrics(TaskKind kind)
    {
        var task = Agreement(kind);
        var parameters = kind == TaskKind.Classification
            ? new Dictionary<string, object?>(SmallDan) { ["lr_decay"] = 0.5 }
            : new Dictionary<string, object?>(SmallLstmLm) { ["lr_decay"] = 0.5, ["optimizer"] = "sgd", ["lr"] = 1.0, ["momentum"] = 0.5, ["clip"] = 0.5 };
        var early = new EarlyStoppingOptions(Patience: 3, MinDelta: 0.0, RestoreBestWeights: true);
        var checkpoints = new Dictionary<int, byte[]>();

        var uninterrupted = await TrialRunner.RunAsync(
            Request(task, parameters, maxEpochs: 4, earlyStopping: early),
            new TrainingCallbacks(OnCheckpoint: (epoch, bytes, _) => { checkpoints[epoch] = bytes; return ValueTask.CompletedTask; }));
        var resumed = await TrialRunner.RunAsync(
            Request(task, parameters, maxEpochs: 4, earlyStopping: early) with { ResumeFrom = checkpoints[2] });

        Assert.Equal(4, uninterrupted.Epochs.Count);
        Assert.Equal(uninterrupted.Epochs, resumed.Epochs);
        Assert.Equal((uninterrupted.BestEpoch, uninterrupted.BestValue), (resumed.BestEpoch, resumed.BestValue));
        Assert.Equal(checkpoints[4], (await ResumedCheckpoint(task, parameters, early, checkpoints[2])));
    }

    [Fact]
    public async Task The_epoch_callback_can_stop_the_run_as_pruned()
    {
        var seen = new List<int>();

        var result = await TrialRunner.RunAsync(
            Request(Agreement(TaskKind.Classification), SmallDan, maxEpochs: 5),
            new TrainingCallbacks(OnEpochEnd: (metrics, _) =>
            {
                seen.Add(metrics.Epoch);
                return ValueTask.FromResult(metrics.Epoch == 2 ? EpochDecision.Stop : EpochDecision.Continue);
            }));

        Assert.Equal(TrialState.Pruned, result.Outcome);
        Assert.Equal([1, 2], seen);
        Assert.Equal(2, result.Epochs.Count);
        Assert.Contains("after epoch 2", result.Reason);
    }

    [Fact]
    public async Task Batch_progress_is_reported_for_every_training_batch()
    {
        var progress = new List<BatchProgress>();

        await TrialRunner.RunAsync(
            Request(Agreement(TaskKind.Classification, size: 100), SmallDan, maxEpochs: 2),
            new TrainingCallbacks(OnBatch: progress.Add));

        // 100 examples in batches of 16 = 7 batches per epoch.
        Assert.Equal(14, progress.Count);
        Assert.Equal(Enumerable.Range(1, 7).Concat(Enumerable.Range(1, 7)), progress.Select(p => p.Batch));
        Assert.All(progress, p => Assert.Equal(7, p.BatchCount));
        Assert.All(progress, p => Assert.True(double.IsFinite(p.Loss)));
        // Items are the examples each mean loss averages over: every training example once per epoch.
        Assert.Equal(100.0, progress.Where(p => p.Epoch == 1).Sum(p => p.Items));
        Assert.Equal(100.0, progress.Where(p => p.Epoch == 2).Sum(p => p.Items));
    }

    [Fact]
    public async Task Cancellation_during_an_epoch_reports_only_finished_epochs()
    {
        using var cancellation = new CancellationTokenSource();

        var result = await TrialRunner.RunAsync(
            Request(Agreement(TaskKind.Classification), SmallDan, maxEpochs: 5),
            new TrainingCallbacks(OnBatch: p =>
            {
                if (p.Epoch == 2 && p.Batch == 3)
                {
                    cancellation.Cancel();
                }
            }),
            cancellation.Token);

        Assert.Equal(TrialState.Cancelled, result.Outcome);
        Assert.Single(result.Epochs);
        Assert.Equal("cancelled during epoch 2", result.Reason);
    }

    [Fact]
    public async Task A_loss_that_blows_up_ends_the_run_as_failed_diverged_at_its_epoch()
    {
        var parameters = Parameters(("arch", "rnn"), ("cell", "elman"), ("activation", "relu"), ("embedding_dim", 8), ("hidden_size", 8),
            ("optimizer", "sgd"), ("lr", 1e30), ("batch_size", 16));

        var result = await TrialRunner.RunAsync(Request(Agreement(TaskKind.Classification), parameters, maxEpochs: 3));

        Assert.Equal(TrialState.Failed, result.Outcome);
        Assert.Matches("^diverged at epoch [12]$", result.Reason);
        Assert.True(result.Epochs.Count < 2);
    }

    [Fact]
    public async Task Early_stopping_ends_after_patience_epochs_without_improvement_and_restores_the_best_weights()
    {
        // SGD with a tiny rate barely moves the dev loss: with a large min delta nothing counts as improvement.
        var parameters = new Dictionary<string, object?>(SmallDan) { ["optimizer"] = "sgd", ["lr"] = 1e-6 };
        var objective = new Objective(MetricNames.ValLoss, StudyDirection.Minimize);
        var setup = TrialRunner.Prepare(Request(Agreement(TaskKind.Classification), parameters, maxEpochs: 10,
            earlyStopping: new EarlyStoppingOptions(Patience: 2, MinDelta: 1.0), objective: objective));

        var result = await setup.Trainer.RunAsync();

        Assert.Equal(TrialState.Completed, result.Outcome);
        Assert.Equal(3, result.Epochs.Count);
        Assert.Equal(1, result.BestEpoch);
        Assert.StartsWith("early stopping after epoch 3", result.Reason);
        Assert.Equal(result.Epochs[0].ValLoss, setup.Trainer.Evaluate().MeanLoss, 12);
    }

    [Fact]
    public async Task Learning_rate_decays_on_plateau()
    {
        var parameters = new Dictionary<string, object?>(SmallDan) { ["optimizer"] = "sgd", ["lr"] = 1e-6, ["lr_decay"] = 0.5, ["lr_patience"] = 1 };
        var objective = new Objective(MetricNames.ValAccuracy, StudyDirection.Maximize);

        var result = await TrialRunner.RunAsync(Request(Agreement(TaskKind.Classification), parameters, maxEpochs: 5, objective: objective));

        // Accuracy stays flat at this rate: epoch 1 sets the best, epochs 2-3 are the plateau, so the rate halves for epoch 4.
        var rates = result.Epochs.Select(m => m.LearningRate).ToArray();
        Assert.Equal(1e-6, rates[0], 1e-12);
        Assert.Equal(rates[0], rates[2]);
        Assert.Equal(rates[0] / 2, rates[3], 1e-12);
    }

    private static async Task<byte[]> ResumedCheckpoint(TaskDefinition task, Dictionary<string, object?> parameters, EarlyStoppingOptions early, byte[] from)
    {
        byte[]? last = null;
        await TrialRunner.RunAsync(
            Request(task, parameters, maxEpochs: 4, earlyStopping: early) with { ResumeFrom = from },
            new TrainingCallbacks(OnCheckpoint: (_, bytes, _) => { last = bytes; return ValueTask.CompletedTask; }));
        return last!;
    }
}

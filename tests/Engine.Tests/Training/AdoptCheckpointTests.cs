using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

/// <summary>
/// PBT's exploit in the Engine: a trial that adopts another trial's checkpoint trains its next epoch from the donor's
/// weights and optimizer state with its OWN hyper-parameters (learning rate, dropout, weight decay…) applied on top.
/// </summary>
public sealed class AdoptCheckpointTests
{
    private static readonly Dictionary<string, object?> Donor = Parameters(
        ("arch", "rnn"), ("cell", "gru"), ("embedding_dim", 8), ("hidden_size", 8), ("batch_size", 16), ("optimizer", "adam"), ("lr", 0.01),
        ("dropout", 0.0), ("weight_decay", 0.0));

    // The donor's configuration, explored: every value here can change mid-training.
    private static readonly Dictionary<string, object?> Explored = new(Donor) { ["lr"] = 0.02, ["dropout"] = 0.2, ["weight_decay"] = 0.0001 };

    private static TaskDefinition Task => Agreement(TaskKind.Classification, size: 96, devSize: 32);

    private static async Task<(TrialSetup Setup, byte[] Checkpoint)> DonorAfter(int epochs)
    {
        var setup = TrialRunner.Prepare(Request(Task, Donor, maxEpochs: epochs));
        await setup.Trainer.RunAsync();
        return (setup, setup.Trainer.CheckpointBytes());
    }

    [Fact]
    public async Task The_adopting_trainer_holds_the_donors_weights_optimizer_state_and_progress_with_its_own_learning_rate()
    {
        var (donor, checkpoint) = await DonorAfter(2);

        var adopter = TrialRunner.Prepare(Request(Task, Explored, maxEpochs: 3) with { ResumeFrom = checkpoint, AdoptCheckpoint = true });

        Assert.Equal(donor.Model.Parameters.Select(p => p.Data), adopter.Model.Parameters.Select(p => p.Data));
        Assert.Equal(donor.Optimizer.State, adopter.Optimizer.State);
        Assert.Equal(donor.Optimizer.StepCount, adopter.Optimizer.StepCount);
        Assert.Equal(2, adopter.Trainer.CompletedEpochs);
        Assert.Equal(0.02f, adopter.Optimizer.LearningRate);
        Assert.Equal(0.0001f, adopter.Optimizer.WeightDecay);
        // A plain resume of the same bytes restores the donor's learning rate instead.
        var resumed = TrialRunner.Prepare(Request(Task, Explored, maxEpochs: 3) with { ResumeFrom = checkpoint });
        Assert.Equal(0.01f, resumed.Optimizer.LearningRate);
    }

    [Fact]
    public async Task The_first_epoch_after_adoption_equals_a_direct_run_from_the_donors_state_with_the_new_settings()
    {
        var (_, checkpoint) = await DonorAfter(2);

        var adopted = await TrialRunner.RunAsync(Request(Task, Explored, maxEpochs: 3) with { ResumeFrom = checkpoint, AdoptCheckpoint = true });

        // Directly: a trainer built with the explored settings, the donor's state loaded, its learning rate set by hand.
        var direct = TrialRunner.Prepare(Request(Task, Explored, maxEpochs: 3) with { ResumeFrom = checkpoint });
        direct.Optimizer.LearningRate = 0.02f;
        var reference = await direct.Trainer.RunAsync();

        Assert.Equal(3, adopted.Epochs[^1].Epoch);
        Assert.Equal(reference.Epochs[^1], adopted.Epochs[^1]);
        Assert.Equal(0.02, adopted.Epochs[^1].LearningRate, 6);
        // …and it is not what the donor itself trains next (the settings did change the epoch).
        var donorNext = await TrialRunner.RunAsync(Request(Task, Donor, maxEpochs: 3) with { ResumeFrom = checkpoint });
        Assert.NotEqual(donorNext.Epochs[^1].ValLoss, adopted.Epochs[^1].ValLoss);
    }

    [Fact]
    public async Task An_adopted_checkpoint_must_still_fit_the_model_and_come_from_the_same_seed()
    {
        var (_, checkpoint) = await DonorAfter(1);

        var otherSize = new Dictionary<string, object?>(Explored) { ["hidden_size"] = 9 };
        Assert.Contains("parameter", Assert.ThrowsAny<EngineException>(() => TrialRunner.Prepare(
            Request(Task, otherSize, maxEpochs: 2) with { ResumeFrom = checkpoint, AdoptCheckpoint = true })).Message);
        Assert.Contains("made with seed 5, but this run has seed 6", Assert.ThrowsAny<EngineException>(() => TrialRunner.Prepare(
            Request(Task, Explored, maxEpochs: 2, seed: 6) with { ResumeFrom = checkpoint, AdoptCheckpoint = true })).Message);
    }
}

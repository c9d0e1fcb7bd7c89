using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

public sealed class CheckpointTests
{
    private static readonly Dictionary<string, object?> Dan = Parameters(("arch", "dan"), ("embedding_dim", 4), ("hidden_size", 4), ("batch_size", 32));

    private static async Task<byte[]> CheckpointAfterOneEpoch(Dictionary<string, object?> parameters, int seed = 5)
    {
        var setup = TrialRunner.Prepare(Request(Agreement(TaskKind.Classification, size: 64, devSize: 16), parameters, maxEpochs: 1, seed: seed));
        await setup.Trainer.RunAsync();
        return setup.Trainer.CheckpointBytes();
    }

    private static EngineException Resume(byte[] checkpoint, Dictionary<string, object?>? parameters = null, int seed = 5) =>
        Assert.ThrowsAny<EngineException>(() => TrialRunner.Prepare(
            Request(Agreement(TaskKind.Classification, size: 64, devSize: 16), parameters ?? Dan, maxEpochs: 2, seed: seed) with { ResumeFrom = checkpoint }));

    [Fact]
    public async Task A_checkpoint_starts_with_the_magic_and_version_and_restores_the_epoch_count()
    {
        var bytes = await CheckpointAfterOneEpoch(Dan);

        Assert.Equal("HSWCKPT\0"u8.ToArray(), bytes[..8]);
        Assert.Equal(1, BitConverter.ToInt32(bytes, 8));
        var setup = TrialRunner.Prepare(Request(Agreement(TaskKind.Classification, size: 64, devSize: 16), Dan, maxEpochs: 2) with { ResumeFrom = bytes });
        Assert.Equal(1, setup.Trainer.CompletedEpochs);
        Assert.Single(setup.Trainer.History);
    }

    [Fact]
    public async Task Bad_magic_unsupported_version_and_truncation_are_named()
    {
        var bytes = await CheckpointAfterOneEpoch(Dan);
        var badMagic = (byte[])bytes.Clone();
        badMagic[0] = (byte)'X';
        var badVersion = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(badVersion.AsSpan(8), 7);

        Assert.Contains("not a HyperSweep checkpoint", Resume(badMagic).Message);
        Assert.Contains("format version 7 is not supported; this build reads version 1", Resume(badVersion).Message);
        Assert.Contains("truncated", Resume(bytes[..(bytes.Length - 10)]).Message);
    }

    [Fact]
    public async Task A_checkpoint_of_another_model_optimizer_or_seed_is_rejected()
    {
        var bytes = await CheckpointAfterOneEpoch(Dan);

        Assert.Contains("parameter 0 is 'embedding' with", Resume(bytes, Parameters(("arch", "dan"), ("embedding_dim", 5), ("hidden_size", 4))).Message);
        Assert.Contains("optimizer buffers", Resume(bytes, new Dictionary<string, object?>(Dan) { ["optimizer"] = "adagrad" }).Message);
        Assert.Contains("made with seed 5, but this run has seed 6", Resume(bytes, seed: 6).Message);
    }
}

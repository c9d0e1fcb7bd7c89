using HyperSweep.Engine.Analysis;
using HyperSweep.Engine.Packaging;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Analysis;

/// <summary>
/// Elman's (1990) result on our agreement task: an Elman language model's mean hidden state per word separates nouns
/// from verbs, and within each, singular from plural — the tree's top split is by category, the next by number.
/// (The configuration of examples/agreement-lm.yaml's Elman trial, which learns agreement: 1.0 by attractor count.)
/// </summary>
public sealed class ElmanTreeTests
{
    [Fact]
    public async Task An_elman_language_model_groups_words_by_category_then_by_number()
    {
        var task = new TaskDefinition(TaskKind.LanguageModel, new AgreementDataSpec(new AgreementOptions(
            Size: 6000, DevSize: 300, MaxAttractors: 1, MaxDistance: 6, Seed: 11)));
        var parameters = Parameters(("arch", "rnn"), ("cell", "elman"), ("embedding_dim", 32), ("hidden_size", 64), ("batch_size", 32), ("bptt", 30), ("lr", 0.01));
        var checkpoints = new Dictionary<int, byte[]>();
        var result = await TrialRunner.RunAsync(
            Request(task, parameters, maxEpochs: 8, seed: 1),
            new TrainingCallbacks(OnCheckpoint: (epoch, bytes, _) => { checkpoints[epoch] = bytes; return ValueTask.CompletedTask; }));
        var data = TaskData.Build(task, DataSets.Root);
        var model = LoadedModel.From(
            ModelPackager.FromCheckpoint(checkpoints[result.BestEpoch!.Value], data, DataSets.Root, parameters, 1, Schema.MetricSchema.DefaultObjective(TaskKind.LanguageModel)),
            "elman");
        var words = HiddenStates.AgreementWords(((AgreementDataSpec)task.Data).Options).ToDictionary(w => w.Word, w => w.Group);
        var contexts = new AgreementGenerator(((AgreementDataSpec)task.Data).Options).Dev().Select(s => s.Tokens).ToList();

        var states = HiddenStates.MeanByWord(model, contexts, words.Keys.ToHashSet());
        var tree = AgglomerativeClustering.AverageLinkage([.. states.Select(s => s.State)]);

        string Groups(int cluster) => string.Join(" + ", tree.LeavesOf(cluster).Select(i => words[states[i].Word]).Distinct().Order());
        var root = tree.Merges[^1];
        Assert.Equal(["noun, plural + noun, singular", "verb, plural + verb, singular"], new[] { Groups(root.Left), Groups(root.Right) }.Order());
        foreach (var category in new[] { root.Left, root.Right })
        {
            var split = tree.Merges[category - tree.Points];
            Assert.DoesNotContain(" + ", Groups(split.Left), StringComparison.Ordinal);
            Assert.DoesNotContain(" + ", Groups(split.Right), StringComparison.Ordinal);
        }
    }
}

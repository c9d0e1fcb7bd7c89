using HyperSweep.Search;
using System.Diagnostics;
using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using Xunit.Abstractions;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

/// <summary>
/// The models learn what they should on real and synthetic data, at sizes that train in seconds.
/// Thresholds are set against chance and simple baselines, not against recorded outputs.
/// </summary>
public sealed class LearningTests(ITestOutputHelper output)
{
    [DataFact(DataSets.Sst2)]
    public async Task Dan_on_sst2_is_clearly_above_chance_on_dev()
    {
        var subset = Subset(DataSets.Sst2, ("train.tsv", 10_001), ("dev.tsv", int.MaxValue));
        var task = new TaskDefinition(TaskKind.Classification, new FileDataSpec(DataFormat.Tsv, "train.tsv", "dev.tsv", MinCount: 2));
        var parameters = Parameters(("arch", "dan"), ("embedding_dim", 48), ("hidden_size", 48), ("hidden_layers", 1), ("batch_size", 32), ("lr", 0.003));

        var watch = Stopwatch.StartNew();
        var result = await TrialRunner.RunAsync(new TrialRequest(task, parameters, Seed: 1, MaxEpochs: 2, BaseDirectory: subset.FullName));
        Report("dan sst2", result, watch);

        // Dev is 428 negative / 444 positive: chance and the majority class are 0.51.
        Assert.Equal(TrialState.Completed, result.Outcome);
        Assert.True(result.Best!.ValAccuracy > 0.70, $"best dev accuracy {result.Best.ValAccuracy}");
    }

    [Fact]
    public async Task On_agreement_with_attractors_the_rnn_classifier_beats_dan_and_nplm()
    {
        // Subjects at least 4 tokens before the verb (outside a 4-word window), 1-2 prepositional phrases.
        var options = new AgreementOptions(Size: 3000, DevSize: 400, MinAttractors: 1, MaxAttractors: 2, MinDistance: 4, MaxDistance: 9, Vocabulary: 8, Seed: 3);
        var classification = new TaskDefinition(TaskKind.Classification, new AgreementDataSpec(options));
        var languageModel = new TaskDefinition(TaskKind.LanguageModel, new AgreementDataSpec(options));

        var watch = Stopwatch.StartNew();
        var rnn = await TrialRunner.RunAsync(new TrialRequest(classification, Parameters(
            ("arch", "rnn"), ("cell", "lstm"), ("embedding_dim", 16), ("hidden_size", 32), ("batch_size", 32), ("lr", 0.01)), Seed: 1, MaxEpochs: 10,
            EarlyStopping: new EarlyStoppingOptions(Patience: 2)));
        Report("rnn classifier", rnn, watch);

        watch.Restart();
        var dan = await TrialRunner.RunAsync(new TrialRequest(classification, Parameters(
            ("arch", "dan"), ("embedding_dim", 16), ("hidden_size", 32), ("batch_size", 32), ("lr", 0.01)), Seed: 1, MaxEpochs: 6));
        Report("dan", dan, watch);

        watch.Restart();
        var nplm = TrialRunner.Prepare(new TrialRequest(languageModel, Parameters(
            ("arch", "nplm"), ("context", 4), ("embedding_dim", 16), ("hidden_size", 32), ("batch_size", 64), ("lr", 0.01)), Seed: 1, MaxEpochs: 3));
        Report("nplm lm", await nplm.Trainer.RunAsync(), watch);
        var nplmAgreement = AgreementEvaluator.Evaluate(nplm.Model, nplm.Data.Vocabulary, nplm.Data.AgreementDev!.Select(AgreementItem.From));
        output.WriteLine($"nplm verb agreement on dev: {nplmAgreement.Accuracy:F3} ({nplmAgreement.Total} items)");

        var rnnAccuracy = rnn.Best!.ValAccuracy!.Value;
        Assert.True(rnnAccuracy > 0.90, $"rnn {rnnAccuracy}");
        Assert.True(rnnAccuracy > dan.Best!.ValAccuracy!.Value + 0.1, $"rnn {rnnAccuracy}, dan {dan.Best.ValAccuracy}");
        Assert.True(rnnAccuracy > nplmAgreement.Accuracy + 0.1, $"rnn {rnnAccuracy}, nplm {nplmAgreement.Accuracy}");
    }

    [DataFact(DataSets.Ptb)]
    public async Task Rnn_language_model_perplexity_on_a_ptb_subset_falls_below_a_unigram_models()
    {
        var subset = Subset(DataSets.Ptb, ("ptb.train.txt", 2000), ("ptb.valid.txt", 200));
        var task = new TaskDefinition(TaskKind.LanguageModel, new FileDataSpec(DataFormat.Lines, "ptb.train.txt", "ptb.valid.txt", MaxVocab: 1000));
        var setup = TrialRunner.Prepare(new TrialRequest(task, Parameters(
            ("arch", "rnn"), ("cell", "lstm"), ("embedding_dim", 32), ("hidden_size", 64), ("batch_size", 32), ("bptt", 25), ("lr", 0.01), ("clip", 1.0)),
            Seed: 1, MaxEpochs: 2, BaseDirectory: subset.FullName));

        var watch = Stopwatch.StartNew();
        var result = await setup.Trainer.RunAsync();
        Report("lstm lm ptb", result, watch);

        var unigram = UnigramPerplexity(setup.Data);
        output.WriteLine($"unigram perplexity {unigram:F1}");
        Assert.Equal(TrialState.Completed, result.Outcome);
        Assert.True(result.Best!.ValPerplexity < unigram * 0.9, $"lm {result.Best.ValPerplexity}, unigram {unigram}");
    }

    /// <summary>Add-one smoothed unigram perplexity of dev under train counts, over the same ids the LM predicts.</summary>
    private static double UnigramPerplexity(TaskData data)
    {
        var counts = new double[data.Vocabulary.Count];
        var train = data.Train.ToStream();
        foreach (var id in train)
        {
            counts[id]++;
        }

        var total = train.Length + counts.Length;
        var dev = data.Dev.ToStream();
        var nll = dev.Sum(id => -Math.Log((counts[id] + 1) / total));
        return Math.Exp(nll / dev.Length);
    }

    /// <summary>Copies the first lines of files of a data set into a fresh temporary folder.</summary>
    private static DirectoryInfo Subset(string folder, params (string File, int Lines)[] files)
    {
        var directory = Directory.CreateTempSubdirectory("hypersweep-subset-");
        foreach (var (file, lines) in files)
        {
            File.WriteAllLines(Path.Combine(directory.FullName, file), File.ReadLines(DataSets.Of(folder, file)).Take(lines));
        }

        return directory;
    }

    private void Report(string name, TrainingResult result, Stopwatch watch)
    {
        foreach (var m in result.Epochs)
        {
            output.WriteLine($"{name} epoch {m.Epoch}: train_loss {m.TrainLoss:F4} val_loss {m.ValLoss:F4} acc {m.ValAccuracy:F3} ppl {m.ValPerplexity:F1}");
        }

        output.WriteLine($"{name}: {result.Outcome} {result.Reason} in {watch.Elapsed.TotalSeconds:F1} s");
    }
}

using System.Text.Json;
using HyperSweep.Engine.Models;

namespace HyperSweep.Engine.Tests.Oracle;

/// <summary>
/// Every *.case.json in HYPERSWEEP_ORACLE_DIR (default tests/Fixtures/oracle, copied from the oracle's recordings) is
/// built, run and compared with its *.expected.json (PyTorch, float64): loss, every gradient, the logits,
/// and after the optimizer steps every weight — each within max|mine − ref| / max|ref| ≤ 1e-4.
/// A case the engine cannot build fails; nothing is skipped.
/// </summary>
public sealed class OracleParityTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Cases()
    {
        var directory = CaseDirectory();
        var data = new TheoryData<string>();
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.case.json").Order(StringComparer.Ordinal).ToArray() : [];
        if (files.Length == 0)
        {
            // Reported as a failing row rather than an empty theory, which would pass silently.
            data.Add($"<no *.case.json in {directory}>");
        }

        foreach (var file in files)
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_the_PyTorch_oracle(string caseFile)
    {
        var directory = CaseDirectory();
        var casePath = Path.Combine(directory, caseFile);
        Assert.True(File.Exists(casePath), $"oracle case {casePath} not found");
        var expectedPath = casePath[..^".case.json".Length] + ".expected.json";
        Assert.True(File.Exists(expectedPath), $"oracle result {expectedPath} not found");
        var expected = JsonDocument.Parse(File.ReadAllText(expectedPath)).RootElement;

        var oracle = new OracleCase(casePath);
        var loss = oracle.Loss();
        var expectedLoss = expected.GetProperty("loss").GetDouble();
        Assert.True(
            Math.Abs(loss.Item() - expectedLoss) <= Tolerance * Math.Abs(expectedLoss),
            $"{caseFile}: loss {loss.Item()} vs {expectedLoss}");
        loss.Backward();

        var failures = new List<string>();
        foreach (var grad in expected.GetProperty("grads").EnumerateObject())
        {
            Compare(failures, "grad " + grad.Name, oracle.Module.GetParameter(grad.Name).Grad!, grad.Value);
        }

        if (expected.TryGetProperty("outputs", out var outputs) && outputs.TryGetProperty("logits", out var logits))
        {
            float[] mine;
            using (new NoGradScope())
            {
                mine = LogitsOf(oracle).Data;
            }

            Compare(failures, "logits", mine, logits);
        }

        if (oracle.Optimizer is not null && expected.TryGetProperty("optimizer", out var optimizerResult))
        {
            RunOptimizer(oracle, optimizerResult, failures);
        }

        Assert.True(failures.Count == 0, $"{caseFile} ({oracle.Kind}):\n" + string.Join("\n", failures));
    }

    private static void RunOptimizer(OracleCase oracle, JsonElement result, List<string> failures)
    {
        var optimizer = oracle.CreateOptimizer();
        var expectedLosses = result.GetProperty("losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (var step = 0; step < oracle.OptimizerSteps; step++)
        {
            optimizer.ZeroGrad();
            var loss = oracle.Loss();
            if (Math.Abs(loss.Item() - expectedLosses[step]) > Tolerance * Math.Abs(expectedLosses[step]))
            {
                failures.Add($"optimizer loss before step {step + 1}: {loss.Item()} vs {expectedLosses[step]}");
            }

            loss.Backward();
            optimizer.Step();
        }

        foreach (var weight in result.GetProperty("weights_after").EnumerateObject())
        {
            Compare(failures, "weights_after " + weight.Name, oracle.Module.GetParameter(weight.Name).Data, weight.Value);
        }
    }

    private static Tensor LogitsOf(OracleCase oracle)
    {
        return oracle.Model switch
        {
            Dan dan => dan.Logits(oracle.Batch, null),
            Nplm nplm => nplm.Logits(oracle.Batch, null),
            RnnClassifier classifier => classifier.Logits(oracle.Batch, null),
            RnnLanguageModel => LanguageModelLogits(oracle),
            _ => throw new NotSupportedException(oracle.Model.GetType().Name),
        };
    }

    private static Tensor LanguageModelLogits(OracleCase oracle)
    {
        oracle.RestoreInitialState();
        return ((RnnLanguageModel)oracle.Model).Logits(oracle.Batch, null);
    }

    private static void Compare(List<string> failures, string what, float[] mine, JsonElement reference)
    {
        var (shape, data) = OracleJson.ReadTensor(reference, what);
        if (data.Length != mine.Length)
        {
            failures.Add($"{what}: {mine.Length} values, reference {Tensor.Describe(shape)} has {data.Length}");
            return;
        }

        double maxError = 0;
        double maxReference = 0;
        for (var i = 0; i < data.Length; i++)
        {
            maxError = Math.Max(maxError, Math.Abs(mine[i] - data[i]));
            maxReference = Math.Max(maxReference, Math.Abs(data[i]));
        }

        var relative = maxReference > 0 ? maxError / maxReference : maxError;
        if (!(relative <= Tolerance))
        {
            failures.Add($"{what}: max|mine − ref| / max|ref| = {relative:G3}");
        }
    }

    private static string CaseDirectory() => RepositoryPaths.OracleCases;
}

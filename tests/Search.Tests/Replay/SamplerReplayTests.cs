using HyperSweep.Search.Replay;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Tests.Replay;

public sealed class SamplerReplayTests
{
    private static readonly SearchSpace Space = new(
    [
        new SearchParameter("opt", new CategoricalDomain(["adam", "sgd"])),
        new SearchParameter("lr", new FloatDomain(1e-4, 1e-2, log: true)),
        new SearchParameter("hidden", new IntDomain(64, 512, 64)),
        new SearchParameter("cell", new CategoricalDomain(["lstm", "gru"]),
            new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["opt"] = ["sgd"] })),
    ]);

    private static TrialParameters P(params (string Name, object Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value)));

    [Fact]
    public void DistanceCountsMismatchesAndNormalisesRangesInTheirOwnScale()
    {
        var a = P(("opt", "adam"), ("lr", 1e-4), ("hidden", 64L));
        Assert.Equal(0, ConfigurationDistance.Between(Space, a, a));
        Assert.Equal(1, ConfigurationDistance.Between(Space, a, P(("opt", "sgd"), ("lr", 1e-4), ("hidden", 64L))), 12);
        Assert.Equal(0.5, ConfigurationDistance.Between(Space, a, P(("opt", "adam"), ("lr", 1e-3), ("hidden", 64L))), 12);   // halfway in log space
        Assert.Equal(0.5, ConfigurationDistance.Between(Space, a, P(("opt", "adam"), ("lr", 1e-4), ("hidden", 288L))), 12);
        Assert.Equal(2, ConfigurationDistance.Between(Space, a, P(("opt", "sgd"), ("lr", 1e-4), ("hidden", 64L), ("cell", "gru"))), 12);  // + inactive
    }

    [Fact]
    public void AProposalIsAnsweredByTheNearestRowTheFirstOnTies()
    {
        var table = new TabularBenchmark(Space,
        [
            new TableRow(P(("opt", "adam"), ("lr", 1e-4), ("hidden", 64L)), 3.0),
            new TableRow(P(("opt", "adam"), ("lr", 1e-2), ("hidden", 64L)), 2.0),
            new TableRow(P(("opt", "adam"), ("lr", 1e-2), ("hidden", 64L)), 9.0),
        ], StudyDirection.Minimize);
        Assert.Equal(2.0, table.BestValue);
        Assert.Equal(3.0, table.Nearest(P(("opt", "adam"), ("lr", 2e-4), ("hidden", 64L))).Value);
        Assert.Equal(2.0, table.Nearest(P(("opt", "adam"), ("lr", 1e-2), ("hidden", 64L))).Value);
        Assert.Equal(2.0, table.Nearest(P(("opt", "sgd"), ("lr", 9e-3), ("hidden", 128L), ("cell", "gru"))).Value);
    }

    [Fact]
    public void ReplaysReportMonotoneBestSoFarAndTheTrialsToTheTableBest()
    {
        var rows = new List<TableRow>();
        foreach (var opt in new[] { "adam", "sgd" })
        {
            foreach (var lr in new[] { 1e-4, 1e-3, 1e-2 })
            {
                foreach (var hidden in new[] { 64L, 256L, 512L })
                {
                    rows.Add(new TableRow(P(("opt", opt), ("lr", lr), ("hidden", hidden)), Math.Abs(Math.Log10(lr) + 3) + Math.Abs(hidden - 256) / 256.0 + (opt == "sgd" ? 0.5 : 0)));
                }
            }
        }
        var table = new TabularBenchmark(Space, rows, StudyDirection.Minimize, "loss");
        var seeds = new long[] { 0, 1, 2, 3, 4 };

        var tpe = SamplerReplay.Run(table, "tpe", seed => SamplerFactory.Create("tpe", Space, seed), seeds, 40);
        var again = SamplerReplay.Run(table, "tpe", seed => SamplerFactory.Create("tpe", Space, seed), seeds, 40);

        Assert.Equal(tpe.TrialsToTableBest, again.TrialsToTableBest);
        foreach (var curve in tpe.BestSoFar)
        {
            Assert.Equal(curve.Order().Reverse(), curve);     // never gets worse
        }
        for (var s = 0; s < seeds.Length; s++)
        {
            if (tpe.TrialsToTableBest[s] is { } needed)
            {
                Assert.Equal(table.BestValue, tpe.BestSoFar[s][needed - 1]);
                Assert.True(needed == 1 || tpe.BestSoFar[s][needed - 2] > table.BestValue);
            }
        }
        Assert.Equal(table.BestValue, tpe.After(40).Median);
        Assert.Equal([10, 25, 40], SamplerReplayResult.Checkpoints(40));
        Assert.Equal([10, 25, 50, 100, 250, 500, 1000], SamplerReplayResult.Checkpoints(1000));
    }

    [Fact]
    public void ACsvTableInfersItsSpaceAndSkipsRowsWithoutAnObjective()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path,
            [
                "lr,hidden,opt,cell,batch,accuracy",
                "0.0001,64,adam,,32,0.71",
                "0.001,192,sgd,lstm,32,0.80",
                "0.01,128,\"adam\",,32,",
                "0.1,512,sgd,gru,32,0.75",
            ]);
            var table = TableCsv.Load(path, StudyDirection.Maximize);

            Assert.Equal("accuracy", table.Objective);
            Assert.Equal(3, table.Rows.Count);
            Assert.Equal(0.80, table.BestValue);
            var domains = table.Space.Parameters.ToDictionary(p => p.Name, p => p.Domain);
            Assert.Equal(["lr", "hidden", "opt", "cell"], domains.Keys);                 // batch is constant: left out
            Assert.Equal(new FloatDomain(0.0001, 0.1, log: true), domains["lr"]);
            Assert.Equal(new IntDomain(64, 512, 64), domains["hidden"]);               // step: gcd of the gaps
            Assert.False(table.Rows[0].Parameters.ContainsKey("cell"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}

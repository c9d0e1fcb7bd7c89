using System.Text.Json;
using HyperSweep.Search.Sampling.Tpe;

namespace HyperSweep.Search.Tests.Sampling.Tpe;

/// <summary>
/// Checks one recorded TPE decision against ours (TPE-TRACES.md 7): level A (split, estimators, log-densities at the
/// recorded candidates, winner, external value) and level B (draws and values from the recorded components and
/// uniforms), with the tolerances of 7.2 and the tie rule of 7.3, and keeps the figures the report needs.
/// </summary>
internal sealed class TpeDecisionCheck(TpeTrace trace, TpeSampler sampler)
{
    public int Decisions { get; private set; }

    public int Ties { get; private set; }

    public double MaxEstimatorDeviation { get; private set; }

    public double MaxDensityDeviation { get; private set; }

    public double MaxDrawDeviation { get; private set; }

    /// <summary>Checks <paramref name="ev"/> against <paramref name="decision"/>; returns our internal winner per parameter.</summary>
    public double[] Check(JsonElement ev, TpeDecision decision, string where)
    {
        var names = decision.Space.Select(p => sampler.Parameters[p].Name).ToArray();
        Assert.True(ev.GetProperty("n").GetInt32() == decision.Split.N, $"{where}: n");
        Assert.True(ev.GetProperty("n_below").GetInt32() == decision.Split.NBelow, $"{where}: n_below");
        Assert.Equal(TpeTrace.Integers(ev.GetProperty("ranking")), decision.Split.Ranking);
        Assert.Equal(TpeTrace.Integers(ev.GetProperty("below")), decision.Split.BelowNumbers);
        Assert.Equal(TpeTrace.Integers(ev.GetProperty("above")), decision.Split.AboveNumbers);
        CheckEstimator(ev.GetProperty("pe_below"), decision.Below, decision.BelowTrials, names, $"{where} pe_below");
        CheckEstimator(ev.GetProperty("pe_above"), decision.Above, decision.AboveTrials, names, $"{where} pe_above");

        var recorded = ev.GetProperty("candidates");
        var candidates = names.Select(n => TpeTrace.Numbers(recorded.GetProperty("value").GetProperty(n))).ToArray();
        var (best, logL, logG) = decision.Score(candidates, sampler.Settings.Density);
        MaxDensityDeviation = Math.Max(MaxDensityDeviation, AssertClose(TpeTrace.Numbers(recorded.GetProperty("log_l")), logL, $"{where} log_l"));
        MaxDensityDeviation = Math.Max(MaxDensityDeviation, AssertClose(TpeTrace.Numbers(recorded.GetProperty("log_g")), logG, $"{where} log_g"));
        var recordedBest = ev.GetProperty("best").GetInt32();
        if (best != recordedBest)
        {
            var recordedScore = TpeTrace.Numbers(recorded.GetProperty("log_l"))[recordedBest] - TpeTrace.Numbers(recorded.GetProperty("log_g"))[recordedBest];
            var margin = ev.GetProperty("margin").ValueKind == JsonValueKind.Null ? 0.0 : ev.GetProperty("margin").GetDouble();
            var ours = logL[best] - logG[best];
            var tie = margin <= 1e-9 * Math.Max(1, Math.Abs(recordedScore)) && Math.Abs(ours - recordedScore) <= 1e-9 * Math.Max(1, Math.Abs(ours));
            var sameValue = names.All(n => candidates[Array.IndexOf(names, n)][best] == candidates[Array.IndexOf(names, n)][recordedBest]);
            Assert.True(tie || sameValue, $"{where}: we chose candidate {best} (score {ours}), Optuna {recordedBest} (score {recordedScore}, margin {margin})");
            Ties += tie && !sameValue ? 1 : 0;
        }

        var active = TpeTrace.Integers(recorded.GetProperty("active"));
        var uniforms = names.Select(n => TpeTrace.Numbers(recorded.GetProperty("u").GetProperty(n))).ToArray();
        var (draws, values) = decision.Below.Sample(active, uniforms);
        for (var d = 0; d < names.Length; d++)
        {
            if (recorded.TryGetProperty("draw", out var recordedDraws) && recordedDraws.TryGetProperty(names[d], out var draw))
            {
                MaxDrawDeviation = Math.Max(MaxDrawDeviation, AssertClose(TpeTrace.Numbers(draw), draws[d], $"{where} draw[{names[d]}]"));
            }
            MaxDrawDeviation = Math.Max(MaxDrawDeviation, AssertClose(candidates[d], values[d], $"{where} value[{names[d]}]"));
        }
        Decisions++;
        return candidates.Select(c => c[recordedBest]).ToArray();
    }

    private void CheckEstimator(JsonElement recorded, ParzenEstimator ours, int[] trials, string[] names, string where)
    {
        Assert.Equal(TpeTrace.Integers(recorded.GetProperty("trials")), trials);
        Assert.True(recorded.GetProperty("n_obs").GetInt32() == ours.ObservationCount, $"{where}: n_obs");
        Assert.True(recorded.GetProperty("prior").GetBoolean() == ours.HasPrior, $"{where}: prior");
        Track(AssertClose(TpeTrace.Numbers(recorded.GetProperty("weights")), ours.Weights, $"{where} weights"));
        var sigmas0 = recorded.GetProperty("sigmas0");
        Assert.True((sigmas0.ValueKind == JsonValueKind.Null) == (ours.Sigmas0 is null), $"{where}: sigmas0 presence");
        if (ours.Sigmas0 is { } s0)
        {
            Track(AssertClose([sigmas0.GetDouble()], [s0], $"{where} sigmas0"));
        }
        for (var d = 0; d < names.Length; d++)
        {
            var parameter = recorded.GetProperty("params").GetProperty(names[d]);
            switch (ours.Dimensions[d])
            {
                case NumericDimension numeric:
                    Track(AssertClose([parameter.GetProperty("low").GetDouble(), parameter.GetProperty("high").GetDouble()], [numeric.Low, numeric.High], $"{where} {names[d]} bounds"));
                    var q = parameter.GetProperty("q");
                    Assert.True((q.ValueKind == JsonValueKind.Null) == (numeric.Q is null) && (numeric.Q is null || q.GetDouble() == numeric.Q), $"{where} {names[d]} q");
                    Track(AssertClose(TpeTrace.Numbers(parameter.GetProperty("mus")), numeric.Mus, $"{where} {names[d]} mus"));
                    Track(AssertClose(TpeTrace.Numbers(parameter.GetProperty("sigmas")), numeric.Sigmas, $"{where} {names[d]} sigmas"));
                    break;
                case CategoricalDimension categorical:
                    var rows = parameter.GetProperty("cat_weights").EnumerateArray().Select(TpeTrace.Numbers).ToArray();
                    Assert.True(rows.Length == categorical.ComponentCount, $"{where} {names[d]} cat_weights rows");
                    for (var i = 0; i < rows.Length; i++)
                    {
                        Track(AssertClose(rows[i], categorical.Row(i), $"{where} {names[d]} cat_weights[{i}]"));
                    }
                    break;
            }
        }
    }

    private void Track(double deviation) => MaxEstimatorDeviation = Math.Max(MaxEstimatorDeviation, deviation);

    /// <summary>|a−b| ≤ 1e-9·max(1, |a|, |b|) elementwise (equal infinities and NaNs agree); returns the largest relative deviation.</summary>
    private double AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{trace.File} {what}: {actual.Length} values, Optuna has {expected.Length}");
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            double a = expected[i], b = actual[i];
            if (a.Equals(b))
            {
                continue;
            }
            var deviation = Math.Abs(a - b) / Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
            Assert.True(deviation <= 1e-9, $"{trace.File} {what}[{i}]: ours {b:R}, Optuna {a:R} (relative deviation {deviation:E2})");
            worst = Math.Max(worst, deviation);
        }
        return worst;
    }
}

using HyperSweep.Search;
using HyperSweep.Client.Plotting;
using HyperSweep.Contracts;
using SkiaSharp;

namespace HyperSweep.Client.Tests;

/// <summary>hypersweep plot against the shared dev silo: a decodable PNG of the requested size with one curve per plotted trial.</summary>
[Collection(DevSiloCollection.Name)]
public sealed class PlotCommandTests(DevSiloFixture fixture)
{
    [Fact]
    public async Task Plot_writes_a_png_of_the_requested_size_with_the_top_k_and_pruned_curves()
    {
        var file = Path.Combine(Path.GetTempPath(), "hypersweep-plot-" + Guid.NewGuid().ToString("N") + ".png");
        try
        {
            var run = await fixture.Cli("plot", fixture.SweepId, "-o", file, "-k", "2", "--width", "640", "--height", "480");

            Assert.Equal(0, run.ExitCode);
            using var bitmap = SKBitmap.Decode(file);
            Assert.NotNull(bitmap);
            Assert.Equal(640, bitmap.Width);
            Assert.Equal(480, bitmap.Height);

            var sweep = fixture.Grains.GetGrain<ISweepGrain>(fixture.SweepId);
            var expected = (await sweep.GetLeaderboard(2)).Select(t => t.Number)
                .Concat((await sweep.GetTrials()).Where(t => t.State == TrialState.Pruned).Select(t => t.Number))
                .Distinct().ToList();
            var details = new List<TrialDetail>();
            foreach (var n in expected)
            {
                details.Add((await sweep.GetTrial(n))!);
            }

            var model = CurvePlot.From((await sweep.GetStatus())!, details);
            Assert.Equal(expected, model.Series.Select(s => s.Trial));
            Assert.Contains($"wrote {expected.Count} curves", run.Error, StringComparison.Ordinal);
            Assert.All(model.Series.Where(s => s.PrunedAtEpoch is not null), s => Assert.Equal(s.PrunedAtEpoch, s.Epochs.Count));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Plot_writes_svg_when_asked_and_rejects_a_tiny_size()
    {
        var file = Path.Combine(Path.GetTempPath(), "hypersweep-plot-" + Guid.NewGuid().ToString("N") + ".svg");
        try
        {
            var run = await fixture.Cli("plot", fixture.SweepId, "-o", file);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal("svg", System.Xml.Linq.XDocument.Load(file).Root!.Name.LocalName);

            var tiny = await fixture.Cli("plot", fixture.SweepId, "-o", file, "--width", "5");
            Assert.Equal(2, tiny.ExitCode);
        }
        finally
        {
            File.Delete(file);
        }
    }
}

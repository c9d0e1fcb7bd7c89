using HyperSweep.Contracts;
using HyperSweep.Silo;
using Microsoft.Extensions.DependencyInjection;

namespace HyperSweep.Telemetry.Tests;

/// <summary>
/// A real Prometheus server scrapes the silo's /metrics endpoint (configured through HyperSweep:Telemetry, as on
/// hypersweep-silo) while a sweep runs; its query API must then report the sweep's own counts.
/// </summary>
public sealed class PrometheusScrapeTests
{
    [Fact]
    public async Task Prometheus_scrapes_the_silo_and_its_trial_counters_equal_the_sweep_status()
    {
        var scrapePort = FreePort.OnLoopback();
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?>
        {
            ["HyperSweep:Telemetry:PrometheusPort"] = scrapePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{scrapePort}");

        var id = await silo.SubmitAsync(SweepSpecs.PrunedGrid("prometheus"));
        var status = await silo.WaitFinishedAsync(id);
        Assert.True(status.Pruned > 0, $"the test sweep must prune something: {status}");

        var expected = new Dictionary<string, int>
        {
            ["hypersweep_trials_started_total"] = status.Completed + status.Pruned + status.Failed,
            ["hypersweep_trials_completed_total"] = status.Completed,
            ["hypersweep_trials_pruned_total"] = status.Pruned,
        };
        var seen = new Dictionary<string, double?>();
        await Poll.Until(
            async () =>
            {
                foreach (var (metric, count) in expected)
                {
                    seen[metric] = await prometheus.QueryScalarAsync($"sum({metric}{{hypersweep_sweep_id=\"{id}\"}})");
                }

                return expected.All(e => seen[e.Key] == e.Value);
            },
            TimeSpan.FromSeconds(30),
            () => "prometheus saw " + string.Join(", ", seen.Select(s => $"{s.Key}={s.Value}")) + $"; the sweep reports {status}");

        // The per-silo gauge is there too: every slot of this silo is free again once the sweep is over.
        // (Other tests' silos share this process and its meter: select this silo by its address.)
        var address = silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        double? free = null;
        await Poll.Until(
            async () => (free = await prometheus.QueryScalarAsync($"hypersweep_silo_slots_free{{hypersweep_silo_address=\"{address}\"}}")) == 2,
            TimeSpan.FromSeconds(30),
            () => $"free slots seen by prometheus: {free}");
        Assert.Equal(SweepState.Completed, status.State);
    }
}

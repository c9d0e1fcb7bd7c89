using System.Globalization;
using HyperSweep.Silo;

namespace HyperSweep.Cluster.Tests;

/// <summary>hypersweep-silo in cluster mode refuses bad settings and an unreachable Redis with a clear message and exit code.</summary>
public sealed class SiloStartupTests
{
    [Fact]
    public async Task An_unreachable_redis_is_named_and_the_silo_exits_3()
    {
        var port = FreePort.OnLoopback();
        using var artifacts = new TempFolder();
        using var silo = OwnedProcess.Start("silo", Paths.SiloBinary,
            ["--mode", "Cluster", "--redis", $"127.0.0.1:{port}", "--advertised-address", "127.0.0.1", "--HyperSweep:RedisConnectTimeout=00:00:02", "--artifacts", artifacts.Path]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await silo.WaitForExitAsync(deadline.Token);
        Assert.Equal(3, silo.ExitCode);
        Assert.Contains($"cannot reach Redis at 127.0.0.1:{port}", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_cluster_settings_are_named_and_the_silo_exits_2()
    {
        using var silo = OwnedProcess.Start("silo", Paths.SiloBinary, ["--mode", "Cluster", "--silo-port", "0"]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await silo.WaitForExitAsync(deadline.Token);
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("HyperSweep:Redis", silo.Output, StringComparison.Ordinal);
        Assert.Contains("HyperSweep:AdvertisedAddress", silo.Output, StringComparison.Ordinal);
        Assert.Contains("fixed ports", silo.Output, StringComparison.Ordinal);
        Assert.Contains("HyperSweep:Artifacts (--artifacts DIR) is required in cluster mode", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redis_without_persistence_draws_a_warning()
    {
        var port = FreePort.OnLoopback();
        var dir = Directory.CreateTempSubdirectory("hypersweep-redis-").FullName;
        try
        {
            using var redis = OwnedProcess.Start("redis", Paths.RedisServer,
                ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--dir", dir, "--appendonly", "no", "--save", ""]);
            await Poll.Until(async () =>
            {
                try
                {
                    return (await HyperSweep.Silo.Cluster.RedisPreflight.CheckAsync(new($"127.0.0.1", port), null, TimeSpan.FromSeconds(2))) is var warnings
                        && warnings.Any(w => w.Contains("persistence off", StringComparison.Ordinal) && w.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
                }
                catch (HyperSweep.Silo.Cluster.RedisUnreachableException)
                {
                    return false; // not listening yet
                }
            }, TimeSpan.FromSeconds(15), () => "no persistence warning:\n" + redis.Output);
            await redis.StopAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_setting_is_named_with_a_suggestion_and_the_silo_exits_2()
    {
        using var silo = OwnedProcess.Start("silo", Paths.SiloBinary, ["--slot", "4"]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await silo.WaitForExitAsync(deadline.Token);
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("unknown option '--slot'; did you mean '--slots'?", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_setting_with_its_default_and_exits_0()
    {
        using var silo = OwnedProcess.Start("silo", Paths.SiloBinary, ["--help"]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await silo.WaitForExitAsync(deadline.Token);
        Assert.Equal(0, silo.ExitCode);
        Assert.All(HyperSweep.Silo.Settings.SiloSettings.All, s => Assert.Contains($"  {s.Switch} <", silo.Output, StringComparison.Ordinal));
        Assert.Contains("default: 30000", silo.Output, StringComparison.Ordinal);
    }
}

using System.Globalization;
using HyperSweep.Client;
using HyperSweep.Silo;

namespace HyperSweep.Cluster.Tests;

/// <summary>
/// A silo refuses cluster mode on an address other machines can reach without TLS unless told <c>--insecure</c>; silos
/// and clients authenticate to Redis as an ACL user named in the connection settings, and a wrong password is refused
/// without being echoed.
/// </summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task A_silo_on_a_reachable_address_without_tls_is_refused_unless_insecure()
    {
        var redis = $"127.0.0.1:{FreePort.OnLoopback()}"; // nothing listens: a silo that passes the check stops at Redis
        using var artifacts = new TempFolder("hypersweep-insecure-");
        using var refused = OwnedProcess.Start("silo", Paths.SiloBinary,
            ["--mode", "Cluster", "--redis", redis, "--advertised-address", "10.255.255.1", "--artifacts", artifacts.Path]);
        Assert.Equal(2, await refused.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("10.255.255.1 is reachable from other machines and TLS is off", refused.Output, StringComparison.Ordinal);
        Assert.Contains("--insecure", refused.Output, StringComparison.Ordinal);

        using var insecure = OwnedProcess.Start("silo", Paths.SiloBinary,
            ["--mode", "Cluster", "--redis", redis, "--advertised-address", "10.255.255.1", "--artifacts", artifacts.Path, "--insecure", "--redis-connect-timeout", "00:00:02"]);
        Assert.Equal(3, await insecure.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"cannot reach Redis at {redis}", insecure.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silos_and_the_cli_authenticate_to_redis_as_an_acl_user_and_a_wrong_password_is_refused_unechoed()
    {
        const string user = "hypersweep";
        const string password = "s3cret-Acl";
        // The default user is off: only the ACL user gets in.
        await using var redis = await RedisServer.StartAsync("--user", "default", "off", "--user", user, "on", $">{password}", "~*", "&*", "+@all");
        using var state = new TempFolder("hypersweep-acl-");
        var clusterId = "acl-" + Guid.NewGuid().ToString("N")[..8];
        using var silo = SiloNode.Start(redis.Endpoint, clusterId, slots: 2, epochMs: 0, state.Path, state.Combine("artifacts"),
            new Dictionary<string, string> { ["HyperSweep__RedisUser"] = user, ["HyperSweep__RedisPassword"] = password });
        var spec = state.Write("spec.yaml", SweepSpecs.Random(trials: 2, epochs: 1, concurrency: 2));

        var run = await Cli("run", spec, "--cluster", $"redis://{user}:{password}@{redis.Endpoint}/{clusterId}", "--workload", "synthetic", "--json");
        Assert.True(run.Exit == 0, $"exit {run.Exit}: {run.Error}\n--- silo\n{silo.Process.Output}");
        Assert.Contains("\"state\": \"completed\"", run.Output, StringComparison.Ordinal);

        var wrong = await Cli("ls", "--cluster", $"redis://{user}:wrong-password@{redis.Endpoint}/{clusterId}", "--connect-timeout", "5");
        Assert.Equal(ExitCodes.ClusterUnreachable, wrong.Exit);
        Assert.Contains($"cannot reach Redis at {redis.Endpoint}", wrong.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", wrong.Error, StringComparison.Ordinal);
        await silo.Process.StopAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, silo.Process.ExitCode);
    }

    private static async Task<(int Exit, string Output, string Error)> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HyperSweepCli.InvokeAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

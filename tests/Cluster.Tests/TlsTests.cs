using HyperSweep.Client.Connection;
using HyperSweep.Contracts;
using HyperSweep.Silo.Cluster;

namespace HyperSweep.Cluster.Tests;

/// <summary>Mutual TLS between silos and between clients and gateways: the cluster's certificate works, none or another CA's is refused.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task A_client_with_the_clusters_certificate_works_and_clients_without_one_are_refused()
    {
        using var certificates = TestCertificates.Create();
        using var ca = certificates.CreateCa("cluster");
        using var rogueCa = certificates.CreateCa("rogue");
        var silo = certificates.Issue("silo", ca, "cluster");
        var client = certificates.Issue("client", ca, "cluster");
        var rogue = certificates.Issue("intruder", rogueCa, "cluster"); // trusts the cluster CA, but is signed by another
        var siloEnvironment = new Dictionary<string, string>
        {
            ["HyperSweep__TlsCertificate"] = silo.Certificate,
            ["HyperSweep__TlsKey"] = silo.Key!,
            ["HyperSweep__TlsCa"] = silo.CaCertificate,
        };

        // Two silos: they must also reach each other over TLS to both become active.
        await using var cluster = await LocalCluster.StartAsync(silos: 2, slots: 2, epochMs: 0, siloEnvironment, client);
        var id = await cluster.SubmitAsync(SweepSpecs.Random(trials: 4, epochs: 2, concurrency: 4));
        var status = await cluster.WaitFinishedAsync(id, TimeSpan.FromSeconds(60));
        Assert.Equal(SweepState.Completed, status.State);

        var address = ClusterAddress.Parse(cluster.Address);
        var plain = await Assert.ThrowsAsync<ClusterUnreachableException>(() => ClusterConnection.ConnectAsync(address, TimeSpan.FromSeconds(5)));
        Assert.Contains("no gateway answered", plain.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ClusterUnreachableException>(() => ClusterConnection.ConnectAsync(address, TimeSpan.FromSeconds(5), tls: rogue));
    }

    [Fact]
    public async Task A_silo_with_a_missing_certificate_file_names_it_and_exits_2()
    {
        using var silo = OwnedProcess.Start("silo", Paths.SiloBinary,
        [
            "--mode", "Cluster", "--redis", "127.0.0.1:1", "--advertised-address", "127.0.0.1",
            "--HyperSweep:TlsCertificate=/nonexistent/silo.pem", "--HyperSweep:TlsCa=/nonexistent/ca.pem",
        ]);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await silo.WaitForExitAsync(deadline.Token);
        Assert.Equal(2, silo.ExitCode);
        Assert.Contains("HyperSweep:TlsCertificate: file not found: /nonexistent/silo.pem", silo.Output, StringComparison.Ordinal);
    }
}

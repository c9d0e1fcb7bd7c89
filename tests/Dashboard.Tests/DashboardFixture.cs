using System.Net.Http.Headers;
using HyperSweep.Client;
using HyperSweep.Contracts;
using HyperSweep.Dashboard.Hosting;
using HyperSweep.Dashboard.Security;
using HyperSweep.Silo;

namespace HyperSweep.Dashboard.Tests;

/// <summary>
/// ONE dev silo (synthetic workload, 20 ms epochs, 2 slots) with a finished quickstart-size sweep and a sweep that keeps
/// running, and two dashboards over its grains: a dev-mode one (loopback may control) and a cluster-mode one with a
/// token (the tests' requests come from loopback, so only this one shows what a client without the token gets).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private DevSilo? _silo;

    public string StateDir { get; } = Path.Combine(Path.GetTempPath(), "hypersweep-dash-" + Guid.NewGuid().ToString("N"));

    public string Token { get; } = DashboardToken.Generate();

    public string FinishedSweepId { get; private set; } = "";

    public string LiveSweepId { get; private set; } = "";

    public DashboardServer Dev { get; private set; } = default!;

    public DashboardServer Cluster { get; private set; } = default!;

    public HttpClient DevHttp { get; private set; } = default!;

    public HttpClient ClusterHttp { get; private set; } = default!;

    public IGrainFactory Grains => _silo!.Grains;

    public async Task InitializeAsync()
    {
        _silo = await DevSilo.StartAsync(new HyperSweepSiloOptions
        {
            Mode = SiloMode.Dev,
            StateDir = StateDir,
            SiloPort = 0,
            GatewayPort = 0,
            Slots = 2,
            Workload = WorkloadKind.Synthetic,
            SyntheticEpochMs = 20,
        }, CancellationToken.None);
        FinishedSweepId = await SubmitAsync(Specs.Quickstart, "quickstart.yaml");
        await Poll.UntilValue(() => Grains.GetGrain<ISweepGrain>(FinishedSweepId).GetStatus(), s => s!.IsFinal, TimeSpan.FromMinutes(3), "the quickstart sweep's end");
        LiveSweepId = await SubmitAsync(Specs.Live, "live.yaml");

        var loopback = new DashboardEndpoint(ListenAddress.Parse("127.0.0.1:0"));
        Dev = await DashboardServer.StartAsync(Grains, loopback, o => o.Mode = DashboardMode.Dev);
        Cluster = await DashboardServer.StartAsync(Grains, loopback, o =>
        {
            o.Mode = DashboardMode.Cluster;
            o.Token = Token;
        });
        DevHttp = new HttpClient { BaseAddress = Dev.Url };
        ClusterHttp = new HttpClient { BaseAddress = Cluster.Url };
    }

    /// <summary>The CLI in this process, on the fixture's state directory (it connects through the silo's published gateway).</summary>
    internal Task<CliRun> Cli(params string[] args) => CliRun.InvokeAsync([.. args, "--state-dir", StateDir]);

    public HttpRequestMessage WithToken(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public async Task DisposeAsync()
    {
        DevHttp?.Dispose();
        ClusterHttp?.Dispose();
        if (Dev is not null)
        {
            await Dev.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (_silo is not null)
        {
            if (LiveSweepId.Length > 0)
            {
                await Grains.GetGrain<ISweepGrain>(LiveSweepId).Cancel();
            }

            await _silo.DisposeAsync();
        }

        Directory.Delete(StateDir, recursive: true);
    }

    private async Task<string> SubmitAsync(string spec, string source)
    {
        var id = SweepIds.New();
        var result = await Grains.GetGrain<ISweepGrain>(id).Submit(new SweepSubmission(spec, source));
        return result.Accepted ? id : throw new InvalidOperationException($"{source} rejected: {string.Join("; ", result.Errors)}");
    }
}

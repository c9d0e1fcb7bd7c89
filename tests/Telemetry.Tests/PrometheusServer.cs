using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HyperSweep.Silo;

namespace HyperSweep.Telemetry.Tests;

/// <summary>
/// A private Prometheus server (Debian's <c>prometheus</c> package) on a free loopback port, with a generated
/// configuration that scrapes one target every second and its storage in a temporary folder; killed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus";
    private readonly OwnedProcess _process;
    private readonly TempFolder _directory;
    private readonly HttpClient _http;

    private PrometheusServer(OwnedProcess process, TempFolder directory, int port)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public static async Task<PrometheusServer> StartAsync(string scrapeTarget)
    {
        Assert.True(File.Exists(Binary), $"{Binary} is missing: install Debian's 'prometheus' package (apt-get install prometheus)");
        var directory = new TempFolder("hs-prometheus-");
        var config = directory.Write("prometheus.yml", $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: hypersweep
                static_configs:
                  - targets: ['{scrapeTarget}']
            """);
        var port = FreePort.OnLoopback();
        var process = OwnedProcess.Start("prometheus", Binary,
        [
            $"--config.file={config}",
            $"--storage.tsdb.path={directory.Combine("data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ]);
        var server = new PrometheusServer(process, directory, port);
        await Poll.Until(server.IsReadyAsync, TimeSpan.FromSeconds(20), () => $"prometheus on 127.0.0.1:{port} did not become ready (exited: {process.HasExited}):\n{process.Output}");
        return server;
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            return (await _http.GetAsync("-/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>The value of an instant query that returns one sample, or null when it returns none.</summary>
    public async Task<double?> QueryScalarAsync(string query)
    {
        var response = await _http.GetFromJsonAsync<JsonElement>("api/v1/query?query=" + Uri.EscapeDataString(query));
        Assert.Equal("success", response.GetProperty("status").GetString());
        var result = response.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() == 0)
        {
            return null;
        }

        Assert.Equal(1, result.GetArrayLength());
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.KillAsync();
        _process.Dispose();
        _directory.Dispose();
    }
}

using HyperSweep.Dashboard;
using HyperSweep.Dashboard.Hosting;
using HyperSweep.Dashboard.Security;
using Microsoft.AspNetCore.Builder;

namespace HyperSweep.Silo;

/// <summary>
/// The opt-in web dashboard of <c>hypersweep-silo</c> (<c>--dashboard 127.0.0.1:8080</c>): served by the silo's own
/// host (a WebApplication then), reading its grains directly. In cluster mode control needs a token: the configured one
/// (HyperSweep:DashboardToken or HYPERSWEEP_DASHBOARD_TOKEN), else one generated here and printed at start.
/// </summary>
public sealed class SiloDashboard
{
    private SiloDashboard(DashboardEndpoint endpoint, string? token, bool generated)
    {
        Endpoint = endpoint;
        Token = token;
        TokenGenerated = generated;
    }

    public DashboardEndpoint Endpoint { get; }

    public string? Token { get; }

    public bool TokenGenerated { get; }

    /// <summary>Null when the options ask for no dashboard; <see cref="DashboardConfigurationException"/> when they are unusable.</summary>
    public static SiloDashboard? From(HyperSweepSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Dashboard))
        {
            return null;
        }

        ListenAddress listen;
        try
        {
            listen = ListenAddress.Parse(options.Dashboard);
        }
        catch (FormatException exception)
        {
            throw new DashboardConfigurationException($"HyperSweep:Dashboard: {exception.Message}");
        }

        var configured = !string.IsNullOrEmpty(options.DashboardToken) ? options.DashboardToken : Environment.GetEnvironmentVariable(DashboardToken.EnvironmentVariable);
        var generate = string.IsNullOrEmpty(configured) && options.Mode == SiloMode.Cluster;
        var token = generate ? DashboardToken.Generate() : string.IsNullOrEmpty(configured) ? null : configured;
        var endpoint = new DashboardEndpoint(listen, options.DashboardCertificate, options.DashboardCertificateKey, TokenConfigured: !string.IsNullOrEmpty(configured));
        return endpoint.Problem() is { } problem ? throw new DashboardConfigurationException(problem) : new SiloDashboard(endpoint, token, generate);
    }

    /// <summary>A builder for a silo host that serves the dashboard.</summary>
    public static WebApplicationBuilder CreateBuilder() => WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = [],
        ContentRootPath = AppContext.BaseDirectory,
    });

    public void AddTo(WebApplicationBuilder builder, SiloMode mode)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHyperSweepDashboard(o =>
        {
            o.Mode = mode == SiloMode.Cluster ? DashboardMode.Cluster : DashboardMode.Dev;
            o.Token = Token;
        });
        DashboardWebHost.Configure(builder.WebHost, builder.Services, Endpoint);
    }

    /// <summary>The start-up line: where it serves, who may control, and a generated token (printed once, here).</summary>
    public string Describe(Uri url) =>
        TokenGenerated ? $"dashboard {url} (control token: {Token})"
        : Token is not null ? $"dashboard {url} (control with the configured token)"
        : $"dashboard {url} (control from this machine only)";
}

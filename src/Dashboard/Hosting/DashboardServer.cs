using HyperSweep.Dashboard.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;

namespace HyperSweep.Dashboard.Hosting;

/// <summary>
/// The dashboard as its own web host over grains someone else connected to (<c>hypersweep dashboard</c>: the CLI's
/// session, a dev silo in the same process or a cluster client). The silo hosts it in its own host instead
/// (<see cref="DashboardServiceCollectionExtensions"/>).
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The address it serves on (with the port actually bound).</summary>
    public Uri Url { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts serving; <see cref="DashboardConfigurationException"/> when the endpoint is refused or unusable.</summary>
    public static async Task<DashboardServer> StartAsync(
        IGrainFactory grains, DashboardEndpoint endpoint, Action<DashboardOptions> configure, Action<ILoggingBuilder>? logging = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        builder.Services.AddSingleton<IHostLifetime, SilentHostLifetime>();
        builder.Services.AddSingleton(grains);
        builder.Services.AddHyperSweepDashboard(configure);
        new ServicesClientBuilder(builder.Services, builder.Configuration).AddDashboard();
        DashboardWebHost.Configure(builder.WebHost, builder.Services, endpoint);
        var app = builder.Build();
        app.MapHyperSweepDashboard();
        try
        {
            await app.StartAsync(cancellation);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            throw new DashboardConfigurationException($"cannot listen on {endpoint.Listen}: {exception.Message}");
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"{(endpoint.Tls ? "https" : "http")}://{endpoint.Listen}";
        return new DashboardServer(app, new Uri(bound.Replace("://[::]", "://localhost", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}

using HyperSweep.Dashboard.Hosting;
using HyperSweep.Grains.Storage;
using HyperSweep.Silo;
using HyperSweep.Silo.Cluster;
using HyperSweep.Silo.Logging;
using HyperSweep.Silo.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

// hypersweep-silo: a long-lived silo (dev mode by default). Configuration: appsettings.json, then environment
// variables (HyperSweep__Slots=4), then the command line (--slots 4, --state-dir DIR, --mode cluster, or
// --HyperSweep:Slots=4). Every setting and its switch come from the options classes (SiloSettings; --help lists them).
if (args is ["--help"] or ["-h"] or ["-?"])
{
    SiloSettings.WriteHelp(Console.Out);
    return 0;
}

// Bare true|false switches (--insecure, --new-generation): the command-line source only knows --switch value.
args = SiloSettings.ExpandFlags(args);

var switches = SiloSettings.Switches();
string? dashboardAddress;
try
{
    // The dashboard makes the host a WebApplication; without it the silo stays a plain generic host (no HTTP server).
    dashboardAddress = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args, switches)
        .Build()["HyperSweep:Dashboard"];
}
catch (FormatException exception)
{
    // A switch the command line cannot read (-x, a value without its switch).
    Console.Error.WriteLine($"hypersweep-silo: {exception.Message} (hypersweep-silo --help lists every setting)");
    return 2;
}

IHostApplicationBuilder builder = !string.IsNullOrWhiteSpace(dashboardAddress)
    ? SiloDashboard.CreateBuilder()
    : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, switches);

HyperSweepSiloOptions options;
try
{
    options = builder.AddHyperSweepSilo();
}
catch (SiloSettingsException exception)
{
    Console.Error.WriteLine($"hypersweep-silo: {exception.Message}");
    return 2;
}
catch (OptionsValidationException exception)
{
    foreach (var failure in exception.Failures)
    {
        Console.Error.WriteLine($"hypersweep-silo: {failure}");
    }

    return 2;
}
catch (InvalidOperationException exception)
{
    // A value of the wrong type ("Failed to convert configuration value 'x' at 'HyperSweep:Slots'"), an unresolvable address.
    Console.Error.WriteLine($"hypersweep-silo: invalid configuration: {SiloSettings.Reword(exception.Message)}");
    return 2;
}

// Full logs (stack traces included) in a file under the state directory; the console gets one line per warning.
var logFiles = SiloLogging.Configure(builder.Logging, HyperSweepSiloOptions.ExpandHome(options.StateDir), Microsoft.Extensions.Logging.LogLevel.Warning);
if (options.Mode == SiloMode.Cluster)
{
    var exit = await ClusterPreflight.RunAsync(options, Console.Error);
    if (exit != 0)
    {
        return exit;
    }
}

builder.Services.AddSingleton<SiloExit>();
builder.Services.AddHostedService<StoreFaultWatcher>();
SiloDashboard? dashboard;
try
{
    dashboard = SiloDashboard.From(options);
}
catch (DashboardConfigurationException exception)
{
    Console.Error.WriteLine($"hypersweep-silo: {exception.Message}");
    return 2;
}

try
{
    if (dashboard is not null)
    {
        dashboard.AddTo((WebApplicationBuilder)builder, options.Mode);
    }

    using var host = builder is WebApplicationBuilder web ? web.Build().MapHyperSweepDashboard() : ((HostApplicationBuilder)builder).Build();
    // The port actually bound: a dev silo given port 0 picks a free one while it is configured.
    var gatewayPort = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort;
    var stateDir = HyperSweepSiloOptions.ExpandHome(options.StateDir);
    Console.Error.WriteLine(options.Mode == SiloMode.Cluster
        ? $"hypersweep-silo: cluster mode, cluster {options.ClusterId} on Redis {options.Redis}, {options.Slots} training slots, silo {options.AdvertisedAddress}:{options.SiloPort}, gateway {options.AdvertisedAddress}:{gatewayPort}"
        : $"hypersweep-silo: {options.Mode} mode, state in {stateDir}, {options.Slots} training slots, gateway 127.0.0.1:{gatewayPort}");
    Console.Error.WriteLine($"hypersweep-silo: logs in {logFiles}");
    await host.StartAsync();
    if (dashboard is not null)
    {
        var url = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? dashboard.Endpoint.Listen.ToString();
        Console.Error.WriteLine($"hypersweep-silo: {dashboard.Describe(new Uri(url))}");
    }

    var publishesGateway = options.Mode != SiloMode.Cluster;
    if (publishesGateway)
    {
        // Lets CLI commands on the same state directory use this silo instead of starting their own.
        DevGatewayFile.Write(stateDir, gatewayPort);
    }

    try
    {
        await host.WaitForShutdownAsync();
    }
    finally
    {
        if (publishesGateway)
        {
            DevGatewayFile.Delete(stateDir);
        }
    }

    return host.Services.GetRequiredService<SiloExit>().Code;
}
catch (StateStoreException exception)
{
    // The dev-mode state file is damaged (or its disk too full to open it): named once, with what to do.
    Console.Error.WriteLine($"hypersweep-silo: {exception.Message}");
    return exception.Fault.Kind == StateStoreFaultKind.Corrupt ? StoreFaultWatcher.CorruptExitCode : StoreFaultWatcher.StoreFailedExitCode;
}
catch (OperationCanceledException)
{
    // Stopped (SIGTERM/Ctrl-C) before start-up finished.
    Console.Error.WriteLine("hypersweep-silo: stopped during start-up");
    return 1;
}
catch (Exception exception) when (exception is InvalidOperationException or DashboardConfigurationException)
{
    Console.Error.WriteLine($"hypersweep-silo: {exception.Message}");
    return 2;
}
catch (IOException exception) when (dashboard is not null)
{
    Console.Error.WriteLine($"hypersweep-silo: cannot serve the dashboard on {dashboard.Endpoint.Listen}: {exception.Message}");
    return 2;
}

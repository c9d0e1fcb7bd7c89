using HyperSweep.Grains.Storage;
using HyperSweep.Silo;
using HyperSweep.Silo.Cluster;
using HyperSweep.Silo.Logging;
using HyperSweep.Silo.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

// hypersweep-silo: a long-lived silo (dev mode by default). Configuration: appsettings.json, then environment
// variables (HyperSweep__Slots=4), then the command line (--slots 4, --state-dir DIR, --mode Dev).
var switches = new Dictionary<string, string>
{
    ["--state-dir"] = "HyperSweep:StateDir",
    ["--slots"] = "HyperSweep:Slots",
    ["--mode"] = "HyperSweep:Mode",
    ["--silo-port"] = "HyperSweep:SiloPort",
    ["--gateway-port"] = "HyperSweep:GatewayPort",
    ["--workload"] = "HyperSweep:Workload",
    ["--cluster-id"] = "HyperSweep:ClusterId",
    ["--service-id"] = "HyperSweep:ServiceId",
    ["--redis"] = "HyperSweep:Redis",
    ["--redis-password"] = "HyperSweep:RedisPassword",
    ["--advertised-address"] = "HyperSweep:AdvertisedAddress",
    ["--data-root"] = "HyperSweep:DataRoot",
};
// Bare flags: the configuration's command-line source only knows --key value.
var flags = new Dictionary<string, string> { ["--insecure"] = "--HyperSweep:Insecure=true", ["--new-generation"] = "--HyperSweep:NewGeneration=true" };
args = [.. args.Select(a => flags.GetValueOrDefault(a, a))];
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddCommandLine(args, switches);

var options = new HyperSweepSiloOptions();
try
{
    builder.Configuration.GetSection(HyperSweepSiloOptions.Section).Bind(options);
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine($"hypersweep-silo: invalid configuration: {exception.Message}");
    return 2;
}

// Full logs (stack traces included) in a file under the state directory; the console gets one line per warning.
var logFiles = SiloLogging.Configure(builder.Logging, HyperSweepSiloOptions.ExpandHome(options.StateDir), "silo", Microsoft.Extensions.Logging.LogLevel.Warning);
if (options.Mode == SiloMode.Cluster)
{
    var exit = await ClusterPreflight.RunAsync(options, Console.Error);
    if (exit != 0)
    {
        return exit;
    }
}

builder.Services.AddOptions<HyperSweepSiloOptions>().Bind(builder.Configuration.GetSection(HyperSweepSiloOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<HyperSweepSiloOptions>, HyperSweepSiloOptionsValidator>();
builder.Services.AddSingleton<SiloExit>();
builder.Services.AddHostedService<StoreFaultWatcher>();
try
{
    builder.UseOrleans(silo => HyperSweepSiloConfiguration.Configure(silo, options));
    builder.AddHyperSweepTelemetry();
    using var host = builder.Build();
    // The port actually bound: a dev silo given port 0 picks a free one while it is configured.
    var gatewayPort = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort;
    var stateDir = HyperSweepSiloOptions.ExpandHome(options.StateDir);
    Console.Error.WriteLine(options.Mode == SiloMode.Cluster
        ? $"hypersweep-silo: cluster mode, cluster {options.ClusterId} on Redis {options.Redis}, {options.Slots} training slots, silo {options.AdvertisedAddress}:{options.SiloPort}, gateway {options.AdvertisedAddress}:{gatewayPort}"
        : $"hypersweep-silo: {options.Mode} mode, state in {stateDir}, {options.Slots} training slots, gateway 127.0.0.1:{gatewayPort}");
    Console.Error.WriteLine($"hypersweep-silo: logs in {logFiles}");
    await host.StartAsync();
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
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine($"hypersweep-silo: {exception.Message}");
    return 2;
}

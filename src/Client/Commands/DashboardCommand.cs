using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Dashboard;
using HyperSweep.Dashboard.Hosting;
using HyperSweep.Dashboard.Security;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep dashboard</c>: the web dashboard (docs/DASHBOARD.md) over the same connection the read commands use
/// (dev mode: the state directory's running silo, else a dev silo in this process for as long as the dashboard runs;
/// <c>--cluster</c>: a cluster client). Serves until Ctrl-C or SIGTERM. Prints its URL on stdout.
/// </summary>
public static class DashboardCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen")
        {
            Description = "host:port to serve on; a non-loopback address needs --cert or a configured token.",
            DefaultValueFactory = _ => ListenAddress.Default,
        };
        var tokenFile = new Option<FileInfo?>("--token-file")
        {
            Description = $"A file holding the control token (else ${DashboardToken.EnvironmentVariable}; on a cluster one is generated and printed).",
        };
        var cert = new Option<string?>("--cert") { Description = "Serve HTTPS with this certificate (PEM with --cert-key, or PKCS#12)." };
        var certKey = new Option<string?>("--cert-key") { Description = "The PEM private key of --cert." };
        var command = new Command("dashboard", "Serve the web dashboard (sweeps, curves, cluster) until Ctrl-C.") { listen, tokenFile, cert, certKey };
        command.WithExamples(
            "hypersweep dashboard                                   # http://127.0.0.1:8080, dev mode",
            "hypersweep dashboard --cluster redis://head:6379/lab --listen 0.0.0.0:8443 --cert site.pem --cert-key site.key");
        var common = new CommonOptions();
        ClusterCommand.SetAction(command, common, ConnectPurpose.Read, async (parse, context, cancellation) =>
        {
            ListenAddress address;
            try
            {
                address = ListenAddress.Parse(parse.GetValue(listen)!);
            }
            catch (FormatException exception)
            {
                throw new CliInputException($"--listen: {exception.Message}");
            }

            var configured = ReadToken(parse.GetValue(tokenFile));
            var dev = ClusterTargets.Resolve(common.TargetOptions(parse)) is DevClusterTarget;
            var token = configured ?? (dev ? null : DashboardToken.Generate());
            var endpoint = new DashboardEndpoint(address, parse.GetValue(cert), parse.GetValue(certKey), TokenConfigured: configured is not null);
            DashboardServer server;
            try
            {
                server = await DashboardServer.StartAsync(context.Grains, endpoint, o =>
                {
                    o.Mode = dev ? DashboardMode.Dev : DashboardMode.Cluster;
                    o.Token = token;
                }, cancellation: cancellation);
            }
            catch (DashboardConfigurationException exception)
            {
                throw new CliInputException(exception.Message);
            }

            await using (server)
            {
                await context.Out.WriteLineAsync(server.Url.ToString());
                await context.Out.FlushAsync(cancellation);
                await context.Error.WriteLineAsync(
                    configured is not null ? "hypersweep dashboard: control with the configured token; Ctrl-C stops it"
                    : token is not null ? $"hypersweep dashboard: control token {token} (sign in at {server.Url}login); Ctrl-C stops it"
                    : "hypersweep dashboard: control from this machine only; Ctrl-C stops it");
                await WaitForStopAsync(cancellation);
            }

            return ExitCodes.Success;
        }, json: false);
        return command;
    }

    private static string? ReadToken(FileInfo? file)
    {
        if (file is not null)
        {
            try
            {
                var text = File.ReadAllText(file.FullName).Trim();
                return text.Length >= 16 ? text : throw new CliInputException($"--token-file {file.FullName}: the token must be at least 16 characters");
            }
            catch (IOException exception)
            {
                throw new CliInputException($"--token-file: {exception.Message}");
            }
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(DashboardToken.EnvironmentVariable);
        if (string.IsNullOrEmpty(fromEnvironment))
        {
            return null;
        }

        return fromEnvironment.Length >= 16 ? fromEnvironment : throw new CliInputException($"{DashboardToken.EnvironmentVariable}: the token must be at least 16 characters");
    }

    private static async Task WaitForStopAsync(CancellationToken cancellation)
    {
        using var signals = new InterruptSignals();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, signals.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped: the server and the session close in the caller.
        }
    }
}

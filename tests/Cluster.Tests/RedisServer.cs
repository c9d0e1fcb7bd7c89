using System.Net.Sockets;
using HyperSweep.Silo;

namespace HyperSweep.Cluster.Tests;

/// <summary>A private redis-server on a free loopback port, data (append-only file, fsync every second) in a temp directory.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly string[] _arguments;
    private OwnedProcess? _process;

    private RedisServer(string directory, int port, string[] arguments)
    {
        Directory = directory;
        Port = port;
        _arguments = arguments;
    }

    public string Directory { get; }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public string Log => _process?.Output ?? "";

    /// <summary>Starts a server; <paramref name="arguments"/> are appended to its command line (e.g. ACL users).</summary>
    public static async Task<RedisServer> StartAsync(params string[] arguments)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("hypersweep-redis-").FullName;
        var server = new RedisServer(directory, FreePort.OnLoopback(), arguments);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops the server cleanly (SIGTERM) and starts it again on the same port from its append-only file.</summary>
    public async Task RestartAsync(Func<Task>? whileDown = null)
    {
        await _process!.StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        if (whileDown is not null)
        {
            await whileDown();
        }

        await StartProcessAsync();
    }

    /// <summary>Stops the server and starts it again on the same port without its data (its append-only file lost, or a wrong --dir).</summary>
    public Task RestartEmptyAsync() => RestartAsync(() =>
    {
        foreach (var entry in new DirectoryInfo(Directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(5));
            _process.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private async Task StartProcessAsync()
    {
        _process = OwnedProcess.Start("redis", Paths.RedisServer,
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", Directory,
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--daemonize", "no", .. _arguments,
        ]);
        await Poll.Until(() => Task.FromResult(Accepts()), TimeSpan.FromSeconds(10), () => $"redis-server did not listen on {Endpoint}:\n{Log}");
    }

    private bool Accepts()
    {
        if (_process!.HasExited)
        {
            throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}:\n{Log}");
        }

        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

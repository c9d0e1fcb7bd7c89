using System.IO.Compression;
using System.Net;
using HyperSweep.Silo;

namespace HyperSweep.Telemetry.Tests.Otlp;

/// <summary>
/// A minimal OTLP/HTTP receiver (protobuf encoding) on a free loopback port: it accepts POSTs to /v1/traces and
/// /v1/metrics as a collector does, answers 200 with an empty export response, and keeps what it decoded.
/// </summary>
internal sealed class OtlpHttpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<OtlpSpan> _spans = [];
    private readonly List<OtlpSum> _sums = [];
    private readonly List<string> _errors = [];
    private readonly Task _loop;

    public OtlpHttpReceiver()
    {
        Port = FreePort.OnLoopback();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<OtlpSpan> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>The data points of the most recent export of each sum metric (cumulative temporality).</summary>
    public IReadOnlyList<OtlpSum> Sums
    {
        get
        {
            lock (_sums)
            {
                return [.. _sums];
            }
        }
    }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            try
            {
                Handle(context);
            }
            catch (Exception exception)
            {
                lock (_errors)
                {
                    _errors.Add($"{context.Request.Url}: {exception.Message}");
                }

                context.Response.StatusCode = 400;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        if (request.HttpMethod != "POST" || request.ContentType?.StartsWith("application/x-protobuf", StringComparison.Ordinal) != true)
        {
            throw new InvalidDataException($"expected a protobuf POST, got {request.HttpMethod} {request.ContentType}");
        }

        using var body = new MemoryStream();
        using (var input = request.Headers["Content-Encoding"] == "gzip" ? new GZipStream(request.InputStream, CompressionMode.Decompress) : request.InputStream)
        {
            input.CopyTo(body);
        }

        switch (request.Url!.AbsolutePath)
        {
            case "/v1/traces":
                var spans = OtlpDecoder.Spans(body.ToArray());
                lock (_spans)
                {
                    _spans.AddRange(spans);
                }

                break;
            case "/v1/metrics":
                var sums = OtlpDecoder.Sums(body.ToArray()).ToList();
                lock (_sums)
                {
                    var names = sums.Select(s => s.Metric).ToHashSet(StringComparer.Ordinal);
                    _sums.RemoveAll(s => names.Contains(s.Metric));
                    _sums.AddRange(sums);
                }

                break;
            default:
                context.Response.StatusCode = 404;
                return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-protobuf";
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

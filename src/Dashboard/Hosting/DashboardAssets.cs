using System.Collections.Frozen;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HyperSweep.Dashboard.Hosting;

/// <summary>
/// Serves the files embedded in this assembly (Dashboard.csproj: the stylesheet, the charts' script, Blazor's script and
/// plotly.js) at their usual paths, gzip-compressed when the browser accepts it (plotly.js: 4.8 MB, 1.4 MB compressed).
/// Files under _content/ carry their package's version in their name (plotly-3.7.0.min.js), so a browser keeps them
/// without asking again; the others have an ETag, so a browser revalidates them instead of downloading them again.
/// </summary>
public static class DashboardAssets
{
    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    public static IEndpointRouteBuilder MapDashboardAssets(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        foreach (var path in Assets.Value.Keys)
        {
            endpoints.MapGet("/" + path, (HttpContext context) => Serve(context, Assets.Value[path]));
        }

        return endpoints;
    }

    private static IResult Serve(HttpContext context, Asset asset)
    {
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        context.Response.Headers.ETag = asset.ETag;
        context.Response.Headers.CacheControl = asset.Versioned ? "public, max-age=31536000, immutable" : "no-cache";
        context.Response.Headers.Vary = "Accept-Encoding";
        if (context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.ContentEncoding = "gzip";
            return Results.Bytes(asset.Gzip, asset.ContentType);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".js", StringComparison.Ordinal) || name.EndsWith(".css", StringComparison.Ordinal))
            .ToFrozenDictionary(name => name, name => Read(assembly, name), StringComparer.Ordinal);
    }

    private static Asset Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"embedded asset {name} is missing");
        using var content = new MemoryStream();
        stream.CopyTo(content);
        using var gzip = new MemoryStream();
        using (var compressor = new GZipStream(gzip, CompressionLevel.Optimal, leaveOpen: true))
        {
            compressor.Write(content.GetBuffer(), 0, (int)content.Length);
        }

        var bytes = content.ToArray();
        var etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes))[..16] + "\"";
        var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
        return new Asset(bytes, gzip.ToArray(), etag, type, Versioned: name.StartsWith("_content/", StringComparison.Ordinal));
    }

    private sealed record Asset(byte[] Content, byte[] Gzip, string ETag, string ContentType, bool Versioned);
}

using System.Text.Json;
using HyperSweep.Contracts;
using HyperSweep.Dashboard.Data;
using HyperSweep.Dashboard.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace HyperSweep.Dashboard.Api;

/// <summary>
/// The JSON API under /api: the pages' data (same reads, same cache) with the CLI's field names, and the control
/// actions (POST, the control policy, same-origin only). Unknown sweeps and trials are 404 with <c>{"error": ...}</c>.
/// </summary>
public static class DashboardApi
{
    private static readonly JsonSerializerOptions ChartJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/sweeps", async (string? state, SweepReader reader) =>
        {
            SweepState? filter = null;
            if (!string.IsNullOrEmpty(state))
            {
                if (!Enum.TryParse<SweepState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
                {
                    return Results.BadRequest(new ErrorBody($"unknown state '{state}' (running, paused, completed, cancelled, failed)"));
                }

                filter = parsed;
            }

            var sweeps = await reader.ListAsync();
            return Results.Text(new System.Text.Json.Nodes.JsonArray(sweeps.Where(s => filter is null || s.State == filter).Select(s => (System.Text.Json.Nodes.JsonNode)JsonShapes.Sweep(s)).ToArray()).ToJsonString(), "application/json");
        });
        api.MapGet("/sweeps/{id}", async (string id, SweepReader reader) =>
            await reader.GetSweepAsync(id) is { } snapshot ? Json(JsonShapes.SweepWithTrials(snapshot)) : NoSweep(id));
        api.MapGet("/sweeps/{id}/leaderboard", async (string id, int? top, SweepReader reader) =>
            await reader.GetSweepAsync(id) is { } snapshot ? Json(JsonShapes.Leaderboard(snapshot, Math.Max(0, top ?? 10))) : NoSweep(id));
        api.MapGet("/sweeps/{id}/charts", async (string id, SweepPages pages) =>
            await pages.GetAsync(id) is { } page ? Results.Json(page.Charts, ChartJson) : NoSweep(id));
        api.MapGet("/sweeps/{id}/trials/{n:int}", async (string id, int n, SweepReader reader) =>
        {
            if (await reader.GetSweepAsync(id) is null)
            {
                return NoSweep(id);
            }

            return await reader.GetTrialAsync(id, n) is { } detail
                ? Json(JsonShapes.TrialDetail(id, detail))
                : Results.NotFound(new ErrorBody($"sweep {id} has no trial {n}"));
        });
        api.MapGet("/sweeps/{id}/importance", async (string id, SweepReader reader) =>
            await reader.GetImportanceAsync(id) is { } report ? Json(JsonShapes.Importance(id, report)) : NoSweep(id));
        api.MapGet("/cluster", async (SweepReader reader) => Json(JsonShapes.Cluster(await reader.GetClusterAsync())));
        api.MapGet("/whoami", (HttpContext context, Microsoft.Extensions.Options.IOptions<DashboardOptions> options) => Results.Json(new
        {
            mode = options.Value.Mode.ToString().ToLowerInvariant(),
            control = context.User.HasClaim(c => c.Type == ControlPolicy.Claim),
        }));
        api.MapPost("/sweeps/{id}/{action:regex(^(pause|resume|cancel)$)}", async (string id, string action, HttpContext context, SweepReader reader) =>
        {
            if (!SameOrigin(context.Request))
            {
                return Results.Json(new ErrorBody("cross-origin control request refused"), statusCode: StatusCodes.Status403Forbidden);
            }

            var status = await reader.ControlAsync(id, Enum.Parse<SweepControl>(action, ignoreCase: true));
            return status is null ? NoSweep(id) : Json(JsonShapes.Sweep(status));
        }).RequireAuthorization(ControlPolicy.Name);
        api.Map("/{**rest}", (string? rest) => Results.NotFound(new ErrorBody($"no API endpoint /api/{rest}")));
        return endpoints;
    }

    /// <summary>
    /// A browser sends Origin on cross-site requests: a page elsewhere must not drive a loopback dashboard's controls
    /// (dev mode trusts loopback clients, and a browser on this machine is one). Requests without Origin (curl, scripts) pass.
    /// </summary>
    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static IResult Json(System.Text.Json.Nodes.JsonObject json) => Results.Text(json.ToJsonString(), "application/json");

    private static IResult NoSweep(string id) => Results.NotFound(new ErrorBody($"no sweep '{id}'"));
}

using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperSweep.Dashboard.Security;

/// <summary>
/// Decides who may control sweeps, for HTTP requests and for Blazor circuits alike (a circuit's user is the one of the
/// request that opened it). A token (<c>Authorization: Bearer</c>, or the cookie set by /login) that matches makes the
/// caller a controller; one that does not is refused (403). Without a token, in dev mode, a client on the loopback
/// interface is a controller; everyone else is an anonymous reader (401 on control).
/// </summary>
public sealed class DashboardAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DashboardOptions> dashboard)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedToken(Request);
        if (presented is not null)
        {
            return Task.FromResult(DashboardToken.Matches(dashboard.Value.Token, presented)
                ? Success("token")
                : AuthenticateResult.Fail("the dashboard token does not match"));
        }

        if (dashboard.Value.Mode == DashboardMode.Dev && Context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote))
        {
            return Task.FromResult(Success("loopback"));
        }

        return Task.FromResult(AuthenticateResult.NoResult());
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // A presented but wrong token is a refusal (403); no token at all asks for one (401).
        var refused = PresentedToken(Request) is not null;
        Response.StatusCode = refused ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        if (!refused)
        {
            Response.Headers.WWWAuthenticate = "Bearer realm=\"hypersweep-dashboard\"";
        }

        await Response.WriteAsJsonAsync(new ErrorBody(refused
            ? "the dashboard token does not match: control refused"
            : dashboard.Value.Mode == DashboardMode.Dev
                ? "control from another machine needs the dashboard token (Authorization: Bearer <token>); this dashboard is read-only for you"
                : "control needs the dashboard token (Authorization: Bearer <token>, printed when the dashboard started); read-only without it"));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new ErrorBody("control refused"));
    }

    internal static string? PresentedToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return header[BearerPrefix.Length..].Trim();
        }

        return request.Cookies.TryGetValue(ControlPolicy.Cookie, out var cookie) && cookie.Length > 0 ? cookie : null;
    }

    private AuthenticateResult Success(string why)
    {
        var identity = new ClaimsIdentity([new Claim(ControlPolicy.Claim, why), new Claim(ClaimTypes.Name, why)], ControlPolicy.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ControlPolicy.Scheme));
    }
}

using HyperSweep.Dashboard.Api;
using HyperSweep.Dashboard.Components;
using HyperSweep.Dashboard.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;

namespace HyperSweep.Dashboard.Hosting;

/// <summary>The dashboard's request pipeline and endpoints: pages, /api, /login, /logout and Orleans' dashboard under /orleans.</summary>
public static class DashboardEndpointExtensions
{
    public const string OrleansPrefix = "/orleans";

    public static WebApplication MapHyperSweepDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // No stack traces: /api errors are JSON, page errors the /error page; the exception goes to the log.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async context =>
            {
                var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var unreachable = failure is OrleansException or TimeoutException;
                context.Response.StatusCode = unreachable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await context.Response.WriteAsJsonAsync(new ErrorBody(unreachable
                        ? "the cluster did not answer; try again"
                        : "the dashboard failed to answer this request; the details are in its log"));
                }
                else
                {
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync("<!DOCTYPE html><title>Error</title><h1 id=\"error\">Something went wrong</h1><p>The details are in the dashboard's log. <a href=\"/\">Back to the sweeps</a></p>");
                }
            },
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(GuardOrleansDashboard);
        app.UseAntiforgery();
        app.MapDashboardAssets();
        app.MapDashboardApi();
        app.MapGet("/logout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(ControlPolicy.Cookie);
            return Results.Redirect("/");
        });
        try
        {
            app.MapOrleansDashboard(OrleansPrefix);
        }
        catch (InvalidOperationException)
        {
            // A silo configured without Orleans' dashboard services (HyperSweep:OrleansDashboard=false): /orleans is a 404.
        }

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// Orleans' dashboard is read-only except two endpoints: GrainState invokes a grain's parameterless methods by
    /// reflection (on a sweep grain those include Pause and Cancel) and Trace streams the host's log. Both need the control
    /// right; the rest of /orleans is open to readers like the rest of the dashboard.
    /// </summary>
    private static async Task GuardOrleansDashboard(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.StartsWithSegments(OrleansPrefix + "/GrainState", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(OrleansPrefix + "/Trace", StringComparison.OrdinalIgnoreCase))
        {
            var allowed = await context.RequestServices.GetRequiredService<IAuthorizationService>()
                .AuthorizeAsync(context.User, ControlPolicy.Name);
            if (!allowed.Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new ErrorBody("this part of the Orleans dashboard needs the control token"));
                return;
            }
        }

        await next();
    }
}

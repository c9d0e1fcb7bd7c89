using HyperSweep.Dashboard.Data;
using HyperSweep.Dashboard.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperSweep.Dashboard.Hosting;

/// <summary>Wiring of the dashboard into an ASP.NET Core host whose services also hold an <see cref="IGrainFactory"/> (a silo or a client).</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>Adds the pages, the API's services, the cache and the control policy; options validated at start.</summary>
    public static IServiceCollection AddHyperSweepDashboard(this IServiceCollection services, Action<DashboardOptions> configure)
    {
        services.AddOptions<DashboardOptions>().Configure(configure)
            .Validate(o => !o.Validate().Any(), "invalid dashboard options")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardCache>();
        services.AddSingleton<SweepReader>();
        services.AddSingleton<SweepPages>();
        services.AddSingleton<DashboardTicker>();
        services.TryAddSingleton(new DashboardSlots().Register(DashboardSlots.Importance, typeof(Components.Shared.ImportancePanel)));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddAuthentication(ControlPolicy.Scheme)
            .AddScheme<AuthenticationSchemeOptions, DashboardAuthenticationHandler>(ControlPolicy.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ControlPolicy.Name, policy => policy.RequireClaim(ControlPolicy.Claim));
        services.AddAntiforgery();
        // Keys protect circuits and antiforgery tokens of this process only: nothing to keep across restarts, nothing written to disk.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return services;
    }
}

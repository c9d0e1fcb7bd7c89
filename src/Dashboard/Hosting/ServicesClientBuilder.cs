using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HyperSweep.Dashboard.Hosting;

/// <summary>
/// Lets Orleans' dashboard register its client-side services (the <c>IClientBuilder.AddDashboard</c> extension) in a web
/// host that is not itself the Orleans client: <c>hypersweep dashboard</c> gets its grains from the CLI's session.
/// </summary>
internal sealed class ServicesClientBuilder(IServiceCollection services, IConfiguration configuration) : IClientBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}

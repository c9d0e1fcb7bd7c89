using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.DependencyInjection;

namespace HyperSweep.Dashboard.Hosting;

/// <summary>Kestrel and host settings shared by the silo's dashboard and <c>hypersweep dashboard</c>.</summary>
public static class DashboardWebHost
{

    /// <summary>
    /// Listens only on <paramref name="endpoint"/> (HTTPS when it has a certificate), and on a loopback bind answers only requests addressed
    /// to localhost (a web page that rebinds its own DNS name to 127.0.0.1 cannot reach the dashboard).
    /// </summary>
    public static void Configure(IWebHostBuilder web, IServiceCollection services, DashboardEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(endpoint);
        var problem = endpoint.Problem();
        if (problem is not null)
        {
            throw new DashboardConfigurationException(problem);
        }

        web.ConfigureKestrel(kestrel => kestrel.Listen(endpoint.Listen.Address, endpoint.Listen.Port, listen =>
        {
            if (endpoint.Tls)
            {
                listen.UseHttps(LoadCertificate(endpoint));
            }
        }));
        if (endpoint.Listen.IsLoopback)
        {
            services.Configure<HostFilteringOptions>(o => o.AllowedHosts = ["localhost", "127.0.0.1", "[::1]"]);
        }
    }

    private static X509Certificate2 LoadCertificate(DashboardEndpoint endpoint)
    {
        try
        {
            return string.IsNullOrWhiteSpace(endpoint.CertificateKeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(endpoint.CertificatePath!, password: null)
                : X509Certificate2.CreateFromPemFile(endpoint.CertificatePath!, endpoint.CertificateKeyPath);
        }
        catch (CryptographicException exception)
        {
            throw new DashboardConfigurationException($"cannot load the dashboard certificate {endpoint.CertificatePath}: {exception.Message}");
        }
    }
}

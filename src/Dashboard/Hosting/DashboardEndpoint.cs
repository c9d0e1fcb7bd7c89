using HyperSweep.Dashboard.Security;

namespace HyperSweep.Dashboard.Hosting;

/// <summary>
/// Where and how the dashboard serves: the listen address, an optional TLS certificate (PEM with its key, or PKCS#12),
/// and whether the operator configured the token (see <see cref="BindPolicy"/>).
/// </summary>
public sealed record DashboardEndpoint(ListenAddress Listen, string? CertificatePath = null, string? CertificateKeyPath = null, bool TokenConfigured = false)
{
    public bool Tls => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>Null when this endpoint may be served, else why not (the host exits 2 with it).</summary>
    public string? Problem()
    {
        if (Tls && !File.Exists(CertificatePath))
        {
            return $"dashboard certificate not found: {CertificatePath}";
        }

        if (!string.IsNullOrWhiteSpace(CertificateKeyPath) && !File.Exists(CertificateKeyPath))
        {
            return $"dashboard certificate key not found: {CertificateKeyPath}";
        }

        return BindPolicy.Check(Listen, Tls, TokenConfigured);
    }
}

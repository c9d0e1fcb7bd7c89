using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HyperSweep.Silo.Cluster;

/// <summary>
/// Mutual TLS for a cluster: this process's certificate (PEM with its key, or PKCS#12 when no key file is given) and
/// the cluster CA that every peer's certificate — silo or client — must chain to. Host names are not checked: the
/// cluster CA is the authority on who belongs (nodes are reached by IP on several interfaces).
/// </summary>
public sealed record ClusterTlsFiles(string Certificate, string? Key, string CaCertificate)
{
    public const string CertificateVariable = "HYPERSWEEP_TLS_CERT";
    public const string KeyVariable = "HYPERSWEEP_TLS_KEY";
    public const string CaVariable = "HYPERSWEEP_TLS_CA";

    /// <summary>The CLI's TLS files from HYPERSWEEP_TLS_CERT / _KEY / _CA, or null when TLS is not configured.</summary>
    public static ClusterTlsFiles? FromEnvironment()
    {
        var certificate = Environment.GetEnvironmentVariable(CertificateVariable);
        var ca = Environment.GetEnvironmentVariable(CaVariable);
        if (string.IsNullOrWhiteSpace(certificate) && string.IsNullOrWhiteSpace(ca))
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(certificate) || string.IsNullOrWhiteSpace(ca))
        {
            throw new InvalidOperationException($"TLS needs both {CertificateVariable} and {CaVariable} (and {KeyVariable} for a PEM certificate).");
        }

        return new ClusterTlsFiles(certificate, Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } key ? key : null, ca);
    }

    /// <summary>Loads both certificates; <see cref="InvalidOperationException"/> names the file that is missing or unreadable.</summary>
    public (X509Certificate2 Local, X509Certificate2 Ca) Load()
    {
        try
        {
            var local = Key is null
                ? X509CertificateLoader.LoadPkcs12FromFile(Certificate, password: null)
                : X509Certificate2.CreateFromPemFile(Certificate, Key);
            if (!local.HasPrivateKey)
            {
                throw new InvalidOperationException($"TLS certificate {Certificate} has no private key (give the key file too).");
            }

            return (local, X509CertificateLoader.LoadCertificateFromFile(CaCertificate));
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot load TLS files (certificate {Certificate}, key {Key ?? "-"}, CA {CaCertificate}): {exception.Message}", exception);
        }
    }

    /// <summary>Whether <paramref name="remote"/> chains to <paramref name="ca"/> (the only trusted root) and is currently valid.</summary>
    public static bool IsIssuedBy(X509Certificate2? remote, X509Certificate2 ca)
    {
        if (remote is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HyperSweep.Silo.Cluster;

namespace HyperSweep.Cluster.Tests;

/// <summary>A cluster CA and certificates it issued, written as PEM files (what docs/CLUSTER.md makes with openssl).</summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public static TestCertificates Create() => new(System.IO.Directory.CreateTempSubdirectory("hypersweep-tls-").FullName);

    /// <summary>Creates a CA named <paramref name="name"/> and writes <c>{name}-ca.pem</c>; returns the CA with its key.</summary>
    public X509Certificate2 CreateCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(Path.Combine(Directory, $"{name}-ca.pem"), ca.ExportCertificatePem());
        return ca;
    }

    /// <summary>Issues a certificate for <paramref name="name"/> signed by <paramref name="ca"/>; returns its files with <paramref name="caFile"/> as the trust anchor.</summary>
    public ClusterTlsFiles Issue(string name, X509Certificate2 ca, string caName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(10), serial);
        var certFile = Path.Combine(Directory, $"{name}.pem");
        var keyFile = Path.Combine(Directory, $"{name}.key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return new ClusterTlsFiles(certFile, keyFile, Path.Combine(Directory, $"{caName}-ca.pem"));
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}

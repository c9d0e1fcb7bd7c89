using Orleans.Connections.Security;

namespace HyperSweep.Silo.Cluster;

/// <summary>Applies <see cref="ClusterTlsFiles"/> to Orleans' TLS transport: certificates required both ways, checked against the cluster CA.</summary>
public static class ClusterTlsConfiguration
{
    public static void Apply(TlsOptions options, ClusterTlsFiles files)
    {
        var (local, ca) = files.Load();
        options.LocalCertificate = local;
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) => ClusterTlsFiles.IsIssuedBy(certificate, ca);
        // The target host is only used for SNI; validation above replaces the host-name check.
        options.OnAuthenticateAsClient = (_, ssl) => ssl.TargetHost = "hypersweep";
    }
}

namespace HyperSweep.Dashboard.Security;

/// <summary>
/// The rule for where the dashboard may listen: loopback always; another interface only over TLS or with a token the
/// operator configured (a generated token is printed on one console and would travel in clear text; choosing one is
/// the operator's acknowledgement). Anything else is refused before the server starts.
/// </summary>
public static class BindPolicy
{
    /// <summary>Null when allowed, else the message that refuses the bind.</summary>
    public static string? Check(ListenAddress listen, bool tls, bool tokenConfigured)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (listen.IsLoopback || tls || tokenConfigured)
        {
            return null;
        }

        return $"refusing to serve the dashboard on {listen} without TLS or a token: anyone who reaches that address could read every sweep. "
            + $"Bind 127.0.0.1 (and use an SSH tunnel), or give a certificate (--dashboard-cert / --cert), or set {DashboardToken.EnvironmentVariable}.";
    }
}

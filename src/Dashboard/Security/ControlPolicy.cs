namespace HyperSweep.Dashboard.Security;

/// <summary>Names shared by the authentication handler, the authorization policy and the pages.</summary>
public static class ControlPolicy
{
    /// <summary>The policy control endpoints and buttons require.</summary>
    public const string Name = "hypersweep-control";

    /// <summary>The authentication scheme (<see cref="DashboardAuthenticationHandler"/>).</summary>
    public const string Scheme = "HyperSweepDashboard";

    /// <summary>The claim a caller allowed to control carries; its value says why ("token" or "loopback").</summary>
    public const string Claim = "hypersweep:control";

    /// <summary>The HttpOnly cookie /login sets (the token itself; SameSite=Strict, Secure over HTTPS).</summary>
    public const string Cookie = "hypersweep_dashboard_token";
}

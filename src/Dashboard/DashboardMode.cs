namespace HyperSweep.Dashboard;

/// <summary>Who may pause, resume and cancel sweeps from the dashboard.</summary>
public enum DashboardMode
{
    /// <summary>A dev-mode state directory on this machine: loopback clients may (and holders of a configured token).</summary>
    Dev = 0,

    /// <summary>A cluster: only holders of the token; everyone else reads.</summary>
    Cluster = 1,
}

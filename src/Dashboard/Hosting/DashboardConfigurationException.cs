namespace HyperSweep.Dashboard.Hosting;

/// <summary>The dashboard cannot start as configured (a refused bind, a missing certificate); the message says what to change.</summary>
public sealed class DashboardConfigurationException(string message) : Exception(message);

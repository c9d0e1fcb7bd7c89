namespace HyperSweep.Silo.Settings;

/// <summary>A setting hypersweep-silo does not know (a typo on the command line, in the environment or in appsettings.json); exit 2.</summary>
public sealed class SiloSettingsException(string message) : Exception(message);

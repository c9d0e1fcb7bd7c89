namespace HyperSweep.Contracts;

/// <summary>Creates sweep ids: short, unique, safe in file names, keys and shells.</summary>
public static class SweepIds
{
    public static string New() => "sw-" + Guid.NewGuid().ToString("N")[..10];
}

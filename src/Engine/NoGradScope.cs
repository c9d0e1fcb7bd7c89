namespace HyperSweep.Engine;

/// <summary>
/// While a scope is open on this thread, ops record no graph (evaluation, optimizer updates).
/// Scopes nest; <c>using var _ = new NoGradScope();</c>.
/// </summary>
public sealed class NoGradScope : IDisposable
{
    [ThreadStatic]
    private static int _depth;

    private bool _disposed;

    public NoGradScope()
    {
        _depth++;
    }

    /// <summary>True when ops on this thread should record their inputs for backward.</summary>
    public static bool GradEnabled => _depth == 0;

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _depth--;
        }
    }
}

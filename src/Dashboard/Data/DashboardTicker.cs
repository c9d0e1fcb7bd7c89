using Microsoft.Extensions.Options;

namespace HyperSweep.Dashboard;

/// <summary>
/// One clock for every open live page: it ticks every <see cref="DashboardOptions.RefreshInterval"/> while at least one
/// page listens. Pages re-read through the cache on each tick, so the grains see one read per interval, not one per tab.
/// </summary>
public sealed class DashboardTicker(IOptions<DashboardOptions> options, TimeProvider time) : IDisposable
{
    private readonly object _gate = new();
    private ITimer? _timer;
    private Action? _tick;

    public event Action Tick
    {
        add
        {
            lock (_gate)
            {
                _tick += value;
                _timer ??= time.CreateTimer(_ => _tick?.Invoke(), null, options.Value.RefreshInterval, options.Value.RefreshInterval);
            }
        }

        remove
        {
            lock (_gate)
            {
                _tick -= value;
                if (_tick is null)
                {
                    _timer?.Dispose();
                    _timer = null;
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }
}

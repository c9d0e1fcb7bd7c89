using Microsoft.AspNetCore.Components;

namespace HyperSweep.Dashboard.Components.Shared;

/// <summary>
/// A page that stays current without reload: once interactive, it re-reads its data on every <see cref="DashboardTicker"/>
/// tick (from the shared cache, so open tabs add no grain calls) and re-renders only when the data changed. Pages with
/// charts mark their summary with <c>data-live</c> once interactive (<c>RendererInfo.IsInteractive</c>): the
/// server-rendered page shows everything, charts included, before that; controls and updates work from then on.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private bool _refreshing;

    [Inject]
    private DashboardTicker Ticker { get; set; } = default!;

    /// <summary>Set when the last refresh failed (the cluster did not answer); shown by the page, cleared by the next success.</summary>
    protected string? RefreshError { get; private set; }

    public void Dispose()
    {
        Ticker.Tick -= OnTick;
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the page's data; true when it changed and the page must re-render.</summary>
    protected abstract Task<bool> RefreshAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Ticker.Tick += OnTick;
        }
    }

    private void OnTick() => _ = InvokeAsync(async () =>
    {
        if (_refreshing)
        {
            return;
        }

        _refreshing = true;
        try
        {
            var changed = await RefreshAsync();
            if (changed || RefreshError is not null)
            {
                RefreshError = null;
                StateHasChanged();
            }
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException)
        {
            RefreshError = $"the cluster did not answer ({exception.Message}); showing the last data read";
            StateHasChanged();
        }
        finally
        {
            _refreshing = false;
        }
    });
}

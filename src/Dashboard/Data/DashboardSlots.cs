namespace HyperSweep.Dashboard;

/// <summary>
/// Components that later work plugs into the pages' marked places, by slot name: <c>sweep.importance</c> (hyper-parameter
/// importance), <c>sweep.scheduler</c> (scheduler decisions, pause/promotion), <c>trial.lineage</c> (pause/promotion and
/// PBT lineage). A component receives <c>SweepId</c> (string) and <c>Trial</c> (int?) parameters.
/// </summary>
public sealed class DashboardSlots
{
    public const string Importance = "sweep.importance";
    public const string Scheduler = "sweep.scheduler";
    public const string Lineage = "trial.lineage";

    private readonly Dictionary<string, Type> _components = new(StringComparer.Ordinal);

    public DashboardSlots Register(string slot, Type component)
    {
        _components[slot] = component;
        return this;
    }

    public Type? Find(string slot) => _components.GetValueOrDefault(slot);
}

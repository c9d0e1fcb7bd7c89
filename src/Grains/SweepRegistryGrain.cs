using HyperSweep.Contracts;

namespace HyperSweep.Grains;

/// <summary>The cluster's list of sweeps. Coordinators upsert their entry when created and when their state changes.</summary>
public sealed class SweepRegistryGrain(
    [PersistentState("registry")] IPersistentState<SweepRegistryState> state) : Grain, ISweepRegistryGrain
{
    public async Task Upsert(SweepEntry entry)
    {
        if (state.State.Sweeps.TryGetValue(entry.SweepId, out var known) && known == entry)
        {
            return;
        }

        state.State.Sweeps[entry.SweepId] = entry;
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<SweepEntry>> List() =>
        Task.FromResult<IReadOnlyList<SweepEntry>>(
            state.State.Sweeps.Values.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.SweepId, StringComparer.Ordinal).ToList());

    public Task<IReadOnlyList<SweepEntry>> FindByName(string name) =>
        Task.FromResult<IReadOnlyList<SweepEntry>>(
            state.State.Sweeps.Values.Where(e => e.Name == name).OrderByDescending(e => e.CreatedAt).ToList());

    public Task<IReadOnlyList<string>> ListUnfinished() =>
        Task.FromResult<IReadOnlyList<string>>(
            state.State.Sweeps.Values.Where(e => e.State is SweepState.Running or SweepState.Paused).Select(e => e.SweepId).ToList());
}

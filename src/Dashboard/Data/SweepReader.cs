using HyperSweep.Search;
using System.Text.RegularExpressions;
using HyperSweep.Contracts;
using Microsoft.Extensions.Options;

namespace HyperSweep.Dashboard.Data;

/// <summary>
/// Every grain call the dashboard makes, and only through <see cref="DashboardCache"/>: the registry's list, a sweep's
/// <c>GetStatus</c>, <c>GetTrials</c> and <c>GetLeaderboard</c>, a trial's <c>GetTrial</c> (the calls of <c>hypersweep ls,
/// status, trials, top, trial</c>), Orleans' membership and each silo's <see cref="ISiloSlotsGrain"/>, and the control
/// calls. A finished sweep and an ended trial are read once.
/// </summary>
public sealed partial class SweepReader(IGrainFactory grains, DashboardCache cache, IOptions<DashboardOptions> options, TimeProvider time)
{
    private static readonly TimeSpan SlotTimeout = TimeSpan.FromSeconds(5);

    private TimeSpan Fresh => options.Value.RefreshInterval;

    /// <summary>Every sweep's status, newest first.</summary>
    public Task<IReadOnlyList<SweepStatus>> ListAsync() => cache.GetAsync<IReadOnlyList<SweepStatus>>("sweeps", Fresh, async () =>
    {
        var entries = await grains.GetGrain<ISweepRegistryGrain>(0).List();
        var statuses = await Task.WhenAll(entries.OrderByDescending(e => e.CreatedAt).Select(e => StatusAsync(e.SweepId)));
        return new(statuses.OfType<SweepStatus>().ToList(), false);
    });

    /// <summary>One sweep, or null when no sweep has this id.</summary>
    public async Task<SweepSnapshot?> GetSweepAsync(string sweepId)
    {
        if (!IsSweepId(sweepId))
        {
            return null;
        }

        return await cache.GetAsync<SweepSnapshot?>("sweep:" + sweepId, Fresh, async () =>
        {
            var grain = grains.GetGrain<ISweepGrain>(sweepId);
            var status = await grain.GetStatus();
            if (status is null)
            {
                return new(null, false);
            }

            var trials = grain.GetTrials();
            var ranking = grain.GetLeaderboard(int.MaxValue);
            var snapshot = new SweepSnapshot(status, await trials, (await ranking).Select(t => t.Number).ToList(), time.GetUtcNow());
            return new(snapshot, status.IsFinal);
        });
    }

    /// <summary>One trial with its curve and attempts, or null when the sweep or the trial does not exist.</summary>
    public async Task<TrialDetail?> GetTrialAsync(string sweepId, int trial)
    {
        if (!IsSweepId(sweepId) || trial < 0)
        {
            return null;
        }

        return await cache.GetAsync<TrialDetail?>($"trial:{sweepId}/{trial}", Fresh, async () =>
        {
            var detail = await grains.GetGrain<ISweepGrain>(sweepId).GetTrial(trial);
            return new(detail, detail is not null && IsFinal(detail.Summary.State));
        });
    }

    /// <summary>
    /// The details of trials as a snapshot lists them (the curves a sweep page draws), read concurrently; missing ones are
    /// left out. A detail is keyed by the row's state, epochs and attempts, so a curve is read again only when its trial
    /// reported something new, not at every refresh.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, TrialDetail>> GetTrialsAsync(string sweepId, IEnumerable<TrialSummary> trials)
    {
        var rows = trials.DistinctBy(t => t.Number).ToList();
        var details = await Task.WhenAll(rows.Select(t => cache.GetAsync<TrialDetail?>(
            $"trial:{sweepId}/{t.Number}@{t.State}/{t.EpochsRun}/{t.Attempts}", Fresh, async () =>
            {
                var detail = await grains.GetGrain<ISweepGrain>(sweepId).GetTrial(t.Number);
                return new(detail, detail is not null);
            })));
        return rows.Zip(details).Where(p => p.Second is not null).ToDictionary(p => p.First.Number, p => p.Second!);
    }

    /// <summary>A sweep's hyper-parameter importance (the call of <c>hypersweep importance</c>), or null when no sweep has this id.</summary>
    public async Task<ImportanceReport?> GetImportanceAsync(string sweepId)
    {
        if (!IsSweepId(sweepId))
        {
            return null;
        }

        return await cache.GetAsync<ImportanceReport?>("importance:" + sweepId, Fresh, async () =>
        {
            var grain = grains.GetGrain<ISweepGrain>(sweepId);
            var report = await grain.GetImportance();
            return new(report, (await StatusAsync(sweepId))?.IsFinal == true);
        });
    }

    /// <summary>Every silo of the membership with its slots.</summary>
    public Task<ClusterSnapshot> GetClusterAsync() => cache.GetAsync("cluster", Fresh, async () =>
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false);
        var silos = await Task.WhenAll(hosts.Select(SiloAsync));
        var ordered = silos.OrderBy(s => s.IsActive ? 0 : 1).ThenByDescending(s => s.StartedAt).ToList();
        return new Fetched<ClusterSnapshot>(new ClusterSnapshot(ordered, time.GetUtcNow()), false);
    });

    /// <summary>Pauses, resumes or cancels a sweep (the caller checked the user may); null when it does not exist.</summary>
    public async Task<SweepStatus?> ControlAsync(string sweepId, SweepControl action)
    {
        if (!IsSweepId(sweepId))
        {
            return null;
        }

        var grain = grains.GetGrain<ISweepGrain>(sweepId);
        var status = action switch
        {
            SweepControl.Pause => await grain.Pause(),
            SweepControl.Resume => await grain.Resume(),
            SweepControl.Cancel => await grain.Cancel(),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown control action"),
        };
        cache.Invalidate("sweep:" + sweepId);
        cache.Invalidate("status:" + sweepId);
        cache.Invalidate("sweeps");
        return status;
    }

    /// <summary>Sweep ids as <see cref="SweepIds"/> makes them, and names a registry could hold; anything else is not looked up.</summary>
    public static bool IsSweepId(string? sweepId) => sweepId is not null && SweepIdPattern().IsMatch(sweepId);

    private static bool IsFinal(TrialState state) => state is TrialState.Completed or TrialState.Pruned or TrialState.Failed or TrialState.Cancelled;

    private Task<SweepStatus?> StatusAsync(string sweepId) => cache.GetAsync<SweepStatus?>("status:" + sweepId, Fresh, async () =>
    {
        var status = await grains.GetGrain<ISweepGrain>(sweepId).GetStatus();
        return new(status, status?.IsFinal == true);
    });

    private async Task<SiloView> SiloAsync(MembershipEntry host)
    {
        var address = host.SiloAddress.ToParsableString();
        var active = host.Status == SiloStatus.Active;
        SiloSlots? slots = null;
        string? error = null;
        if (active)
        {
            try
            {
                slots = await grains.GetGrain<ISiloSlotsGrain>(address).GetSlots().WaitAsync(SlotTimeout);
            }
            catch (Exception exception) when (exception is TimeoutException or OrleansException)
            {
                error = exception.Message;
            }
        }

        var leftAt = host.Status == SiloStatus.Dead ? new DateTimeOffset(DateTime.SpecifyKind(host.IAmAliveTime, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        return new SiloView(address, host.SiloName ?? address, host.HostName ?? "", host.Status.ToString(),
            new DateTimeOffset(DateTime.SpecifyKind(host.StartTime, DateTimeKind.Utc)), leftAt, slots, error);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex SweepIdPattern();
}

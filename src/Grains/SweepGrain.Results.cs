using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Coordination;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains;

/// <summary>What a sweep leaves behind: its kept models, their test metrics, hyper-parameter importance and gradient norms.</summary>
public sealed partial class SweepGrain
{
    /// <summary>How long a kept trial has to answer a finalization before it is asked again.</summary>
    private static readonly TimeSpan FinalizeRetry = TimeSpan.FromSeconds(10);

    private readonly Dictionary<int, DateTime> _finalizeSent = [];

    // Trials whose release could not be delivered yet (e.g. while a dead silo's grain directory is rebuilt): retried at
    // every dispatch, and the sweep completes only once they are delivered. Lost with a coordinator crash: gc finds them.
    private readonly HashSet<int> _unreleased = [];

    public async Task<IReadOnlyList<KeptModel>> GetKeptModels()
    {
        if (!state.RecordExists)
        {
            return [];
        }

        var kept = Ledger.Keeping.Kept.ToList();
        var artifacts = await Task.WhenAll(kept.Select(async r =>
        {
            try
            {
                return await Calls().Trial(r.Number).GetArtifacts();
            }
            catch (Exception exception)
            {
                logger.LogWarning("Could not read the artifacts of trial {Trial} of {Sweep}: {Error}", r.Number, SweepId, exception.Message);
                return null;
            }
        }));
        return [.. kept.Select((r, i) => new KeptModel(r.Number, i + 1, r.State, r.BestValue, r.BestEpoch, artifacts[i]?.Model, r.TestMetrics, r.ModelNote))];
    }

    public async Task<KeptModel?> GetModel(int trial)
    {
        if (!state.RecordExists || !Table.Contains(trial) || Table[trial].Keep != KeepDecision.Kept)
        {
            return null;
        }

        var record = Table[trial];
        var report = await Calls().Trial(trial).GetModel();
        var rank = Ledger.Keeping.Kept.ToList().IndexOf(record) + 1;
        return new KeptModel(trial, rank, record.State, record.BestValue, record.BestEpoch, report?.Model, record.TestMetrics, report?.Note ?? record.ModelNote);
    }

    public Task<ImportanceReport?> GetImportance() =>
        Task.FromResult(state.RecordExists ? ImportanceView.Of(Ledger.Plan, Table) : null);

    public async Task<IReadOnlyList<GradientRecord>?> GetGradients(int trial) =>
        state.RecordExists && Table.Contains(trial) ? await Calls().Trial(trial).GetGradients() : null;

    public Task ReportKeptModel(KeptModelReport report)
    {
        if (state.RecordExists)
        {
            Ledger.RecordKeptModel(report);
            _finalizeSent.Remove(report.Trial);
            QueueDispatch();
        }

        return Task.CompletedTask;
    }

    /// <summary>Decides the kept models among newly ended trials and tells the others to delete their weights.</summary>
    private async Task ReleaseWeights()
    {
        _unreleased.UnionWith(Ledger.DecideKept());
        if (_unreleased.Count > 0)
        {
            var failed = await Calls().Release([.. _unreleased]);
            _unreleased.Clear();
            _unreleased.UnionWith(failed);
        }
    }

    /// <summary>Every trial has ended: only the kept models' files may stay, and they go before anyone sees the sweep finished.</summary>
    private Task CollectLeftovers() =>
        leftovers.CollectAsync(SweepId, Table.Records.Where(r => r.Keep == KeepDecision.Released).Select(r => r.Number).ToHashSet(), options.Value.StartTimeout);

    /// <summary>
    /// True when every kept trial has made its model and, if the task has a test split, been scored on it: only then
    /// does an exhausted sweep complete. Otherwise asks the kept trials that have not answered (again after
    /// <see cref="FinalizeRetry"/>), once no pruned trial is still finishing its last epoch.
    /// </summary>
    private bool FinalizeKeptModels()
    {
        var waiting = Ledger.AwaitingFinalization();
        if (waiting.Count == 0)
        {
            return _unreleased.Count == 0;
        }

        if (Table.DrainingCount == 0)
        {
            var now = DateTime.UtcNow;
            var due = waiting.Where(n => !_finalizeSent.TryGetValue(n, out var sent) || now - sent > FinalizeRetry).ToList();
            due.ForEach(n => _finalizeSent[n] = now);
            Calls().Finalize(due, Ledger.Plan.HasTestSplit);
        }

        return false;
    }
}

using HyperSweep.Contracts;
using HyperSweep.Grains.Journal;
using HyperSweep.Search;
using HyperSweep.Search.Scheduling;

namespace HyperSweep.Grains.Coordination;

/// <summary>
/// The ledger's side of a scheduler that pauses, resumes and exploits (ASHA with promotions, Hyperband, PBT): a paused
/// trial leaves training and holds no slot; when slots are free the scheduler's resumes come before new trials; a PBT
/// generation first applies its exploitations (journalled, the rows' parameters and lineage changed), waits until each
/// exploiting trial's grain adopted its donor's checkpoint, then resumes every member; paused trials that can never
/// resume end as pruned with the scheduler's reason. Every step goes through the search session, so a re-activated
/// coordinator rebuilds the same scheduler state from the journal.
/// </summary>
public sealed partial class SweepLedger
{
    private enum ResumeStep
    {
        /// <summary>The scheduler resumes nothing now.</summary>
        None,

        /// <summary>Paused trials were queued again.</summary>
        Resumed,

        /// <summary>A generation waits for checkpoint adoptions (the grain performs them, then dispatches again).</summary>
        Blocked,
    }

    /// <summary>
    /// Fills the concurrency left: what the scheduler resumes first (ASHA promotions, a PBT generation), then new trials
    /// (the sampler proposes each), and ends paused trials that can never resume; true when anything changed. Stops at
    /// a PBT generation whose exploiting trials must first adopt their donors' checkpoints (<see cref="PendingAdoptions"/>).
    /// </summary>
    public bool CreateTrials()
    {
        var changed = false;
        while (Table.Pending.Count < Plan.Concurrency - Table.Running.Count)
        {
            var step = ResumeNext();
            changed |= step != ResumeStep.None;
            if (step == ResumeStep.Blocked)
            {
                return changed;
            }

            if (step == ResumeStep.None)
            {
                if (Table.Count >= Plan.PlannedTrials)
                {
                    break;
                }

                var number = Table.Count;
                Table.Add(SearchLogEntries.Sorted(Logged(s => s.Propose(number))));
                changed = true;
            }
        }

        return EndStranded() | changed;
    }

    /// <summary>Exploiting trials whose grains must adopt their donor's checkpoint before their generation resumes.</summary>
    public IReadOnlyList<(int Trial, LineageEntry Entry)> PendingAdoptions =>
        [.. Table.Paused.Where(n => Table[n].PendingAdoption is not null).Select(n => (n, Table[n].PendingAdoption!))];

    /// <summary>The trial's grain now holds its donor's checkpoint.</summary>
    public void Adopted(int trial)
    {
        var record = Table[trial];
        if (record.PendingAdoption is { } pending)
        {
            record.Lineage = [.. record.Lineage.Take(record.Lineage.Count - 1), pending with { Adopted = true }];
            Dirty = true;
        }
    }

    /// <summary>The scheduler's state for status and the dashboard, or null for a plain pruner.</summary>
    public SchedulerSnapshot? Scheduling => _search.Scheduler is PrunerScheduler ? null : _search.Scheduler.Describe(_search.Study);

    /// <summary>The row shows the highest rung a decision recorded the trial at, and counts promotions in place.</summary>
    private static void NoteRung(TrialRecord record, ScheduleDecision decision)
    {
        if (decision.Rung is { } rung && rung > (record.Rung ?? -1))
        {
            record.Rung = rung;
        }

        if (decision.Promoted)
        {
            record.Promotions++;
        }
    }

    private void Pause(int number, int epoch, ScheduleDecision decision)
    {
        Table.Pause(number, $"paused after epoch {epoch}: {decision.Explanation}", DateTime.UtcNow);
        Logged(s =>
        {
            s.Pause(number, epoch);
            return 0;
        });
    }

    private ResumeStep ResumeNext()
    {
        if (_search.NextResume() is not { } plan)
        {
            return ResumeStep.None;
        }

        foreach (var exploitation in plan.Exploits)
        {
            Exploit(exploitation);
        }

        if (plan.Trials.Any(t => Table[t].PendingAdoption is not null))
        {
            return ResumeStep.Blocked;
        }

        foreach (var trial in plan.Trials)
        {
            Logged(s =>
            {
                s.Resume(trial);
                return 0;
            });
            Table.Resume(trial, plan.Reason);
            if (plan.Promotes)
            {
                Table[trial].Promotions++;
            }
        }

        return ResumeStep.Resumed;
    }

    private void Exploit(Exploitation exploitation)
    {
        Logged(s =>
        {
            s.Exploit(exploitation);
            return 0;
        });
        var record = Table[exploitation.Trial];
        record.Parameters = SearchLogEntries.Sorted(exploitation.After);
        record.Lineage = [.. record.Lineage, new LineageEntry(exploitation.Step, exploitation.Donor, SearchLogEntries.Sorted(exploitation.Before),
            record.Parameters, exploitation.Explanation, Adopted: false)];
    }

    /// <summary>When nothing runs, waits or can be created, the paused trials the scheduler can never resume end as pruned.</summary>
    private bool EndStranded()
    {
        if (Table.Paused.Count == 0 || Table.Running.Count > 0 || Table.Pending.Count > 0 || Table.Count < Plan.PlannedTrials
            || _search.NextResume() is not null)
        {
            return false;
        }

        var stranded = _search.Stranded();
        foreach (var trial in stranded)
        {
            End(trial.Trial, TrialState.Pruned, trial.Reason);
        }

        return stranded.Count > 0;
    }
}

using System.Collections.Immutable;
using HyperSweep.Search;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Grains.Journal;

/// <summary>
/// The search session's log as journal entries and back: an ask with its proposal (<see cref="JournalEntryKind.Created"/>),
/// a report, a trial's end, and the scheduler's pauses, resumes and exploitations. The journal keeps them in the order they happened, which is what lets a re-activated
/// coordinator rebuild the same sampler and pruner state.
/// </summary>
public static class SearchLogEntries
{
    public static SweepJournalEntry ToEntry(SearchEvent e) => e switch
    {
        TrialCreated c => new SweepJournalEntry(JournalEntryKind.Created, c.Trial, Parameters: Sorted(c.Parameters)),
        TrialReported r => new SweepJournalEntry(JournalEntryKind.Report, r.Trial, r.Step, r.Value),
        TrialFinished f => new SweepJournalEntry(JournalEntryKind.Finish, f.Trial, Value: f.Value ?? double.NaN, State: f.State),
        TrialPaused p => new SweepJournalEntry(JournalEntryKind.Paused, p.Trial, p.Step),
        TrialResumed r => new SweepJournalEntry(JournalEntryKind.Resumed, r.Trial),
        TrialExploited x => new SweepJournalEntry(JournalEntryKind.Exploited, x.Trial, x.Step, Reason: x.Explanation, Parameters: Sorted(x.After),
            Donor: x.Donor, ParametersBefore: Sorted(x.Before)),
        _ => throw new ArgumentException($"no journal form for {e}", nameof(e)),
    };

    /// <summary>The event of a journalled log entry; a proposal's parameters take the order of <paramref name="space"/>.</summary>
    public static SearchEvent ToEvent(SweepJournalEntry entry, SearchSpace space) => entry.Kind switch
    {
        JournalEntryKind.Created => SearchEvent.Created(entry.Trial, InSpaceOrder(entry.Parameters ?? Empty, space)),
        JournalEntryKind.Report => SearchEvent.Reported(entry.Trial, entry.Epoch, entry.Value),
        JournalEntryKind.Finish => SearchEvent.Finished(entry.Trial, entry.State, double.IsNaN(entry.Value) ? null : entry.Value),
        JournalEntryKind.Paused => SearchEvent.Paused(entry.Trial, entry.Epoch),
        JournalEntryKind.Resumed => SearchEvent.Resumed(entry.Trial),
        JournalEntryKind.Exploited => new TrialExploited(entry.Trial, entry.Donor, entry.Epoch, InSpaceOrder(entry.ParametersBefore ?? Empty, space),
            InSpaceOrder(entry.Parameters ?? Empty, space), entry.Reason ?? ""),
        _ => throw new ArgumentException($"journal entry {entry.Kind} is not part of the search log", nameof(entry)),
    };

    private static ImmutableSortedDictionary<string, object> Empty => ImmutableSortedDictionary<string, object>.Empty;

    public static ImmutableSortedDictionary<string, object> Sorted(TrialParameters parameters) =>
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, parameters);

    /// <summary>Parameters as samplers propose them: in the space's declaration order (their key depends on it).</summary>
    public static TrialParameters InSpaceOrder(IReadOnlyDictionary<string, object> parameters, SearchSpace space) =>
        new(space.Parameters.Where(p => parameters.ContainsKey(p.Name)).Select(p => KeyValuePair.Create(p.Name, parameters[p.Name])));
}

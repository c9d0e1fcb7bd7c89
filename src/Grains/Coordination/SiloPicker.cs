namespace HyperSweep.Grains.Coordination;

/// <summary>
/// Where the coordinator starts its next trials. It learns each silo's training-slot capacity from the trial grains'
/// answers, skips silos that refused a start (until <see cref="ForgetRefusals"/>, called when a slot frees up and at
/// every monitor tick), and gives each trial of a batch to the active silo with the most free slots as far as it
/// knows, counting the batch's own choices. A silo not heard from yet is tried with one trial. Slots are enforced by
/// each silo (a start it cannot take is refused); this only spreads the load. Pure: silos are their names
/// (<see cref="Active"/> names them).
/// </summary>
public sealed class SiloPicker
{
    private readonly Dictionary<string, int> _capacity = new(StringComparer.Ordinal);
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    /// <summary>A silo told its capacity (every start answer carries it).</summary>
    public void LearnCapacity(string silo, int capacity) => _capacity[silo] = capacity;

    /// <summary>A silo refused a start (no free slot) or did not answer: skip it for now.</summary>
    public void Refused(string silo) => _refused.Add(silo);

    public void ForgetRefusals() => _refused.Clear();

    /// <summary>The silos trials can start on: the active members of <paramref name="snapshot"/>, by name.</summary>
    public static Dictionary<string, SiloAddress> Active(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .ToDictionary(m => m.SiloAddress.ToParsableString(), m => m.SiloAddress, StringComparer.Ordinal);

    /// <summary>
    /// Chooses silos for up to <paramref name="count"/> trials, in order; fewer when no silo seems to have room.
    /// </summary>
    /// <param name="active">The cluster's active silos.</param>
    /// <param name="load">Trials this sweep already has on each silo (running, or ended but still holding a slot).</param>
    public IReadOnlyList<string> Choose(int count, IEnumerable<string> active, IReadOnlyDictionary<string, int> load)
    {
        var candidates = active.Where(s => !_refused.Contains(s)).Order(StringComparer.Ordinal).ToList();
        var inBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        var chosen = new List<string>(count);
        while (chosen.Count < count)
        {
            string? best = null;
            var bestFree = 0;
            foreach (var silo in candidates)
            {
                var used = load.GetValueOrDefault(silo) + inBatch.GetValueOrDefault(silo);
                var free = _capacity.TryGetValue(silo, out var capacity) ? capacity - used : 1 - inBatch.GetValueOrDefault(silo);
                if (free > bestFree)
                {
                    best = silo;
                    bestFree = free;
                }
            }

            if (best is null)
            {
                break;
            }

            inBatch[best] = inBatch.GetValueOrDefault(best) + 1;
            chosen.Add(best);
        }

        return chosen;
    }
}

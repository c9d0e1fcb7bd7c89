using HyperSweep.Grains.Journal;
using Orleans.Storage;

namespace HyperSweep.Grains.Tests.Journal;

/// <summary>Real grain storage with a log of what each write stored (which record, how many journal entries).</summary>
internal sealed class RecordingStorage(IGrainStorage inner) : IGrainStorage
{
    public List<(string StateName, GrainId GrainId, int Entries)> Writes { get; } = [];

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Writes.Add((stateName, grainId, grainState.State is SweepJournalSegment segment ? segment.Entries.Count : 0));
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}

using System.Collections.Immutable;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Grains.Workloads;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains;

/// <summary>
/// Turns an ended trial that its sweep keeps into its kept model: the workload packages the best epoch's checkpoint as a
/// model file (once; the checkpoint is deleted when the file is durable) and, when the sweep has ended and the task has
/// a test split, scores it on that split (once: <see cref="TrialGrainState.TestScored"/>). The CPU and file work runs on
/// the thread pool; the grain's turn only awaits it (the trial has ended, so nothing else waits on this grain).
/// </summary>
internal sealed class KeptModelMaker(IPersistentState<TrialGrainState> state, ITrialWorkload workload, IArtifactStore store, int trial, ILogger logger)
{
    public async Task<KeptModelReport> FinalizeAsync(bool scoreTest)
    {
        var s = state.State;
        if (!s.IsFinal || s.Assignment is not { } assignment)
        {
            return new KeptModelReport(trial, null, null, "the trial has not ended");
        }

        if (s.Released)
        {
            return new KeptModelReport(trial, null, null, "the sweep did not keep this trial's weights");
        }

        var request = WorkloadRequests.For(assignment);
        var changed = false;
        if (s.Model is null && s.Best is { } best && s.ModelNote is null)
        {
            try
            {
                var package = await Task.Run(() => workload.PackageModel(request, store.Read(best.Artifact)));
                if (package is not null)
                {
                    s.Model = await Task.Run(() => store.Write(assignment.SweepId, trial, ArtifactKinds.Model, package));
                }
                else
                {
                    s.ModelNote = "this workload makes no model file; the best epoch's checkpoint is kept instead";
                }
            }
            catch (Exception exception)
            {
                logger.LogWarning("Trial {Trial} of {Sweep}: the model file could not be made: {Error}", trial, assignment.SweepId, exception.Message);
                s.ModelNote = $"the model file could not be made: {exception.Message}";
            }

            changed = true;
        }

        if (scoreTest && !s.TestScored && (s.Model ?? s.Best?.Artifact) is { } kept)
        {
            try
            {
                var metrics = await Task.Run(() => workload.ScoreTest(request, store.Read(kept)));
                s.TestMetrics = metrics?.ToImmutableSortedDictionary(StringComparer.Ordinal);
            }
            catch (Exception exception)
            {
                logger.LogWarning("Trial {Trial} of {Sweep}: scoring the test split failed: {Error}", trial, assignment.SweepId, exception.Message);
                s.ModelNote = $"scoring the test split failed: {exception.Message}";
            }

            s.TestScored = true;
            changed = true;
        }

        StoredCheckpoint? replaced = null;
        if (s.Model is not null && s.Best is not null)
        {
            // The model file holds the best epoch's weights and the trial will never resume: its checkpoint can go.
            (replaced, s.Best) = (s.Best, null);
            changed = true;
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }

        if (replaced is not null)
        {
            new TrialArtifactRetention(s, store, logger).Delete([replaced.Artifact]);
        }

        var note = s.ModelNote ?? (s.Model is null && s.Best is null ? "no epoch finished, so there are no weights to keep" : null);
        return new KeptModelReport(trial, s.Model, s.TestMetrics, note);
    }
}

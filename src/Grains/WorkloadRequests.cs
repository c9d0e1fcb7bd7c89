using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains;

/// <summary>The workload request of a trial's assignment: one place maps the wire message to what the workload reads.</summary>
internal static class WorkloadRequests
{
    /// <param name="adopted">The checkpoint is another trial's (PBT's exploit): the assignment's hyper-parameters apply on top.</param>
    public static TrialWorkloadRequest For(TrialAssignment assignment, byte[]? resumeCheckpoint = null, int resumeEpoch = 0, bool adopted = false) => new(
        assignment.Task, assignment.Parameters, assignment.Seed, assignment.MaxEpochs, resumeCheckpoint, resumeEpoch,
        assignment.Objective, assignment.EarlyStoppingPatience, assignment.EarlyStoppingMinDelta, assignment.BaseDirectory,
        assignment.RecordGradients, adopted);
}

using HyperSweep.Contracts;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains;

/// <summary>The workload request of a trial's assignment: one place maps the wire message to what the workload reads.</summary>
internal static class WorkloadRequests
{
    public static TrialWorkloadRequest For(TrialAssignment assignment, byte[]? resumeCheckpoint = null, int resumeEpoch = 0) => new(
        assignment.Task, assignment.Parameters, assignment.Seed, assignment.MaxEpochs, resumeCheckpoint, resumeEpoch,
        assignment.Objective, assignment.EarlyStoppingPatience, assignment.EarlyStoppingMinDelta, assignment.BaseDirectory,
        assignment.RecordGradients);
}

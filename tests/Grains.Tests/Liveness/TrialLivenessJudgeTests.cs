using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Grains.Liveness;

namespace HyperSweep.Grains.Tests.Liveness;

public sealed class TrialLivenessJudgeTests
{
    [Fact]
    public void A_training_attempt_is_alive() =>
        Assert.Equal(AttemptLiveness.Alive, TrialLivenessProbe.Judge(2, new TrialRunProbe(2, Training: true, TrialState.Running, null)));

    [Fact]
    public void An_attempt_that_persisted_its_end_without_reporting_it_is_ended_unreported() =>
        Assert.Equal(AttemptLiveness.EndedUnreported, TrialLivenessProbe.Judge(2, new TrialRunProbe(2, Training: false, TrialState.Completed, null)));

    [Fact]
    public void A_running_attempt_with_no_training_thread_is_lost() =>
        Assert.Equal(AttemptLiveness.Lost, TrialLivenessProbe.Judge(2, new TrialRunProbe(2, Training: false, TrialState.Running, null)));

    [Fact]
    public void A_grain_that_never_accepted_the_attempt_is_lost_and_a_final_state_of_an_older_attempt_does_not_end_it() =>
        Assert.Equal(AttemptLiveness.Lost, TrialLivenessProbe.Judge(3, new TrialRunProbe(2, Training: false, TrialState.Completed, null)));

    [Fact]
    public void A_newer_attempt_than_the_coordinator_knows_is_left_alone() =>
        Assert.Equal(AttemptLiveness.Alive, TrialLivenessProbe.Judge(2, new TrialRunProbe(3, Training: false, TrialState.Running, null)));
}

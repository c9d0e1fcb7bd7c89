using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Search;

namespace HyperSweep.Client.Tests;

/// <summary>Numbers for people in tables (full precision stays in --json and export), short silos, honest progress.</summary>
public sealed class FormattingTests
{
    [Theory]
    [InlineData(0.0013115291602444116, "0.00131")]
    [InlineData(0.003, "0.003")]
    [InlineData(20.0, "20")]
    [InlineData(1e-05, "1e-5")]
    [InlineData(0.49666666666666665, "0.497")]
    public void Parameter_values_have_three_significant_digits(double value, string expected) =>
        Assert.Equal(expected, Formatting.Scalar(value));

    [Fact]
    public void Long_decimals_in_reasons_are_shortened()
    {
        Assert.Equal("pruned at epoch 2: best so far 0.497 < 50th percentile 0.842",
            Formatting.Reason("pruned at epoch 2: best so far 0.49666666666666665 < 50th percentile 0.8416666666666667"));
        Assert.Equal("parameters.lr: must be > 0, got -1", Formatting.Reason("parameters.lr: must be > 0, got -1\n   at X.Y()"));
    }

    [Theory]
    [InlineData("127.0.0.1:43755@155561657", "local")]
    [InlineData("10.1.2.3:11111@155561657", "10.1.2.3:11111")]
    [InlineData(null, "-")]
    public void Silos_are_short(string? silo, string expected) => Assert.Equal(expected, Formatting.Silo(silo));

    [Fact]
    public void A_cancelled_sweep_is_never_a_full_bar()
    {
        var cancelled = Status(SweepState.Cancelled, completed: 3, cancelled: 13);

        Assert.Equal(18.75, Commands.StatusCommand.Percent(cancelled));
        Assert.Equal("[####................]", Commands.StatusCommand.ProgressBar(Commands.StatusCommand.Percent(cancelled)));
    }

    [Fact]
    public void The_exit_code_of_an_ended_sweep_says_whether_trials_failed()
    {
        Assert.Equal(0, ExitCodes.ForEnded(Status(SweepState.Completed, completed: 16)));
        Assert.Equal(4, ExitCodes.ForEnded(Status(SweepState.Completed, completed: 8, failed: 8)));
        Assert.Equal(1, ExitCodes.ForEnded(Status(SweepState.Failed, failed: 16)));
        Assert.Equal(1, ExitCodes.ForEnded(Status(SweepState.Cancelled, completed: 3, cancelled: 13)));
    }

    [Fact]
    public void Settings_every_trial_shares_are_named_once()
    {
        var trials = new[] { Trial(0, 0.01), Trial(1, 0.003) };

        var columns = ParameterColumns.Of(trials);

        Assert.Equal("same in every trial: embedding_dim=32 optimizer=adam", columns.SharedLine);
        Assert.Equal("lr=0.003", columns.Varying(trials[1]));
    }

    [Fact]
    public void The_clock_estimates_the_time_left_from_the_pace_it_saw()
    {
        var time = new ManualTime(DateTimeOffset.Parse("2026-12-06T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var clock = new SweepClock(time);
        var start = Status(SweepState.Running, completed: 0) with { CreatedAt = time.GetUtcNow() };

        Assert.Equal("elapsed 0s", clock.Describe(start));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("elapsed 2m00s, about 14m00s left", clock.Describe(start with { Completed = 2 }));
    }

    [Fact]
    public void The_live_table_says_how_many_trials_it_does_not_show()
    {
        var trials = Enumerable.Range(0, 30).Select(n => Trial(n, 0.001 * (n + 1)) with { State = n < 14 ? TrialState.Running : TrialState.Completed }).ToList();
        var snapshot = new SweepSnapshot(Status(SweepState.Running, completed: 16) with { Running = 14, PlannedTrials = 40 }, trials);

        var shown = SpectreProgressView.Shown(snapshot);
        var caption = SpectreProgressView.Caption(snapshot, new SweepClock());

        Assert.Equal(17, shown.Count);
        Assert.Contains("\n23 more trials not shown (hypersweep trials sw-1)", caption, StringComparison.Ordinal);
        Assert.Contains("elapsed ", caption, StringComparison.Ordinal);
        Assert.Contains("same in every trial: embedding_dim=32 optimizer=adam", caption, StringComparison.Ordinal);
    }

    private static TrialSummary Trial(int number, double lr) => new(
        number, TrialState.Completed,
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, object> { ["embedding_dim"] = 32L, ["lr"] = lr, ["optimizer"] = "adam" }),
        4, 0.9, 4, 0.9, null, 1, "127.0.0.1:1@2");

    private static SweepStatus Status(SweepState state, int completed = 0, int failed = 0, int cancelled = 0) => new(
        "sw-1", "s", state, new Objective("val_accuracy", StudyDirection.Maximize), 16, 0, 0, completed, 0, failed, cancelled, null,
        DateTimeOffset.UnixEpoch, null, null);

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

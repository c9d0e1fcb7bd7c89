using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Sampling;

/// <summary>
/// Chooses the parameters of a new trial from the study's history (Optuna's "ask").
/// </summary>
/// <remarks>
/// Contract, which is what makes a restarted coordinator propose exactly what it would have proposed:
/// <list type="bullet">
/// <item>Deterministic: the same spec, seed and history give the same proposal on any machine. Randomness is
/// derived from (seed, trial number, …) through <see cref="SeedMixer"/>, never from a generator carried across
/// calls.</item>
/// <item>The study is read by reference. A sampler may keep incremental indexes over it (catching up on
/// <see cref="Study.Trials"/> and <see cref="Study.FinishedInOrder"/>), never an O(trials) copy per proposal.</item>
/// <item>Any other state (TPE's persistent group decomposition) is updated only in <see cref="OnTrialCreated"/>,
/// which <see cref="SearchSession"/> calls at every ask, live and during a rebuild, with the study exactly as it
/// was at that ask. Rebuilding therefore never draws or re-proposes.</item>
/// </list>
/// </remarks>
public interface ISampler
{
    /// <summary>How many distinct proposals exist (the grid size), or null when unbounded.</summary>
    long? Size { get; }

    /// <summary>
    /// Trial <paramref name="trial"/> has just entered <paramref name="study"/> as RUNNING through an ask: update
    /// whatever state Optuna's sampler updates at ask time. Called before <see cref="Propose"/>, and alone when a
    /// session is rebuilt from its log.
    /// </summary>
    void OnTrialCreated(Study study, int trial);

    /// <summary>
    /// The parameters of trial <paramref name="trial"/>, which is already RUNNING in <paramref name="study"/>
    /// without parameters (a model-based sampler sees it as running, as Optuna does).
    /// </summary>
    TrialParameters Propose(Study study, int trial);
}

using System.Collections.Immutable;
using HyperSweep.Engine.Tasks;
using HyperSweep.Search;

namespace HyperSweep.Contracts;

/// <summary>
/// Everything a trial grain needs to run one attempt: the task, the hyper-parameters (fixed model settings merged with the sampled ones; values are
/// string, long, double or bool), the seed, the epoch budget, the objective, the trainer's optional early
/// stopping, the folder relative data paths are resolved against (the spec's folder), and the sweep span's W3C
/// traceparent (null when tracing is off), so every attempt's span joins the sweep's trace, and whether to measure
/// gradient norms each epoch (<c>analysis: {gradient_norms: true}</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.TrialAssignment")]
public sealed record TrialAssignment(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int Trial,
    [property: Id(2)] int Attempt,
    [property: Id(12)] TaskDefinition Task,  // Id 3 carried the task as JSON text before 2026-12
    [property: Id(4)] ImmutableSortedDictionary<string, object> Parameters,
    [property: Id(5)] long Seed,
    [property: Id(6)] int MaxEpochs,
    [property: Id(7)] Objective Objective,
    [property: Id(8)] int? EarlyStoppingPatience = null,
    [property: Id(9)] double EarlyStoppingMinDelta = 0,
    [property: Id(10)] string BaseDirectory = ".",
    [property: Id(11)] string? TraceParent = null,
    [property: Id(13)] bool RecordGradients = false);

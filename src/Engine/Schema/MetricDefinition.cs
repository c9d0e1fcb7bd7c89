using HyperSweep.Engine.Tasks;
using HyperSweep.Search;

namespace HyperSweep.Engine.Schema;

/// <summary>A per-epoch metric: its name, which way is better, and the task kinds that report it.</summary>
public sealed record MetricDefinition(string Name, StudyDirection Direction, IReadOnlyList<TaskKind> Kinds, string Description);

using HyperSweep.Search;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;

namespace HyperSweep.Engine.Tests.Training;

/// <summary>Small tasks and parameter sets the trainer tests share.</summary>
internal static class TrainingFixtures
{
    public static TaskDefinition Agreement(TaskKind kind, int size = 300, int devSize = 100, int maxAttractors = 1, int maxDistance = 6) =>
        new(kind, new AgreementDataSpec(new AgreementOptions(Size: size, DevSize: devSize, MaxAttractors: maxAttractors, MaxDistance: maxDistance, Vocabulary: 6, Seed: 11)));

    public static Dictionary<string, object?> Parameters(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    public static TrialRequest Request(TaskDefinition task, Dictionary<string, object?> parameters, int maxEpochs, int seed = 5,
        EarlyStoppingOptions? earlyStopping = null, Objective? objective = null) =>
        new(task, parameters, seed, maxEpochs, objective, earlyStopping, DataSets.Root);
}

using System.Text.Json;
using HyperSweep.Contracts;
using HyperSweep.Search;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Planning;

/// <summary>
/// Parses sweep specs with the Search library's <see cref="SweepSpecParser"/> (validation errors carry
/// file:line:column and the field) and builds a <see cref="SamplerSweepPlan"/> from the spec's sampler,
/// pruner, budget and task. Relative data paths resolve against the spec file's folder when the source
/// names an existing file.
/// </summary>
public sealed class SearchSweepPlanFactory : ISweepPlanFactory
{
    public ISweepPlan Create(string specText, string sourceName)
    {
        SweepSpec spec;
        Search.Sampling.ISampler sampler;
        try
        {
            spec = SweepSpecParser.Parse(specText, sourceName);
            sampler = spec.CreateSampler();
        }
        catch (SpecException exception)
        {
            throw new SweepSpecException([new SpecError(exception.Source, (int)exception.Line, (int)exception.Column, exception.Field, exception.Problem)]);
        }
        catch (ArgumentException exception)
        {
            throw new SweepSpecException([new SpecError(sourceName, 0, 0, exception.ParamName, exception.Message)]);
        }

        var planned = spec.TrialCount(sampler);
        if (planned > int.MaxValue)
        {
            throw new SweepSpecException([new SpecError(sourceName, 0, 0, "strategy.trials", $"{planned} trials is more than one sweep can hold")]);
        }

        var taskJson = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = spec.Task.Kind,
            ["data"] = spec.Task.Data,
        });
        var baseDirectory = File.Exists(sourceName) ? Path.GetDirectoryName(Path.GetFullPath(sourceName)) ?? "." : Directory.GetCurrentDirectory();
        return new SamplerSweepPlan(
            spec.Name,
            new Objective(spec.Objective.Metric, spec.Objective.Direction == StudyDirection.Maximize),
            spec.Budget.MaxEpochs,
            spec.Concurrency,
            (int)planned,
            taskJson,
            spec.Pruner,
            sampler,
            spec.Model,
            spec.Strategy.Seed,
            spec.Budget.EarlyStopping is { } early ? (early.Patience, early.MinDelta) : null,
            baseDirectory);
    }
}

using HyperSweep.Contracts;
using HyperSweep.Engine.Tasks;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Planning;

/// <summary>
/// Turns spec text into a <see cref="SweepPlan"/>: Search's parser checks every value against the schema this silo
/// trains with (its workload's, confined to a data root on clusters that set one) and, at submit, opens the data
/// files the task names; errors carry file:line:column and the field. The coordinator calls it at every submit — it
/// never trusts a client's validation — and again when it re-activates (without reopening data files: the sweep was
/// accepted, and its trials report missing files themselves).
/// </summary>
public sealed class SweepPlanner(ISweepSchemaSource schemas)
{
    /// <summary>A submitted sweep, checked data files and all; the errors instead when it is refused.</summary>
    public (SweepPlan? Plan, IReadOnlyList<SpecError> Errors) Check(SweepSubmission submission)
    {
        try
        {
            return (Plan(submission.SpecText, submission.SourceName, submission.BaseDirectory ?? Directory.GetCurrentDirectory(), checkData: true), []);
        }
        catch (SweepSpecException exception)
        {
            return (null, exception.Errors);
        }
    }

    public SweepPlan Plan(string specText, string sourceName, string baseDirectory, bool checkData)
    {
        try
        {
            var schema = schemas.For(baseDirectory);
            var spec = SweepSpecParser.Parse(specText, sourceName, schema, checkData ? baseDirectory : null);
            var planned = spec.TrialCount(spec.CreateSampler());
            if (planned > int.MaxValue)
            {
                throw new SweepSpecException([new SpecError(sourceName, 0, 0, "strategy.trials", $"{planned} trials is more than one sweep can hold")]);
            }

            return new SweepPlan(spec, TaskDefinition.Parse(spec.Task.Section), baseDirectory, (int)planned);
        }
        catch (SpecException exception)
        {
            throw new SweepSpecException([new SpecError(exception.Source, (int)exception.Line, (int)exception.Column, exception.Field, exception.Problem)]);
        }
    }
}

using HyperSweep.Engine.Schema;
using HyperSweep.Search;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// The one entry point for running a trial without Orleans: build the task data, the model, its optimizer
/// and batches from a <see cref="TrialRequest"/>, optionally resume from a checkpoint, and train.
/// The Orleans trial grain and <c>hypersweep train</c> both call <see cref="RunAsync"/>.
/// <para>
/// Invalid input (task fields, hyper-parameters, data files, a checkpoint of another trial) throws
/// <see cref="EngineException"/> from <see cref="Prepare"/>, before any training, with a message naming the
/// field, parameter or file:line. Once training starts, divergence, pruning, early stopping and
/// cancellation are outcomes in the returned <see cref="TrainingResult"/>, not exceptions.
/// </para>
/// </summary>
public static class TrialRunner
{
    /// <summary>
    /// Checks a request without reading data or building a model: objective vs task kind, every
    /// hyper-parameter, arch vs task kind, the budget. Throws <see cref="EngineException"/> naming the field or
    /// parameter; returns the parsed parameters.
    /// </summary>
    public static HyperParameters Validate(TrialRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var objective = request.Objective ?? MetricSchema.DefaultObjective(request.Task.Kind);
        MetricSchema.Check(objective, request.Task.Kind);
        var parameters = HyperParameters.Parse(request.Parameters, request.Task.Kind);
        ModelFactory.CheckFits(request.Task.Kind, parameters);
        new TrainerOptions(request.MaxEpochs, objective, request.Seed, request.EarlyStopping, parameters.LrDecay, parameters.LrPatience).Validate();
        return parameters;
    }

    /// <summary>Builds everything the trial needs and, when the request carries one, restores its checkpoint.</summary>
    /// <param name="cache">Where to share task data between trials; null builds it afresh.</param>
    public static TrialSetup Prepare(TrialRequest request, TaskDataCache? cache = null)
    {
        var parameters = Validate(request);
        var objective = request.Objective ?? MetricSchema.DefaultObjective(request.Task.Kind);
        var options = new TrainerOptions(
            request.MaxEpochs, objective, request.Seed, request.EarlyStopping, parameters.LrDecay, parameters.LrPatience, request.RecordGradients);
        var data = cache is null ? TaskData.Build(request.Task, request.BaseDirectory) : cache.GetOrBuild(request.Task, request.BaseDirectory);
        var model = ModelFactory.Create(data, parameters, request.Seed, request.BaseDirectory);
        var optimizer = ModelFactory.CreateOptimizer(model, parameters);
        var batches = ModelFactory.CreateBatches(data, parameters);
        var trainer = new Trainer(model, optimizer, batches, options);
        if (request.ResumeFrom is { } checkpoint)
        {
            using var stream = new MemoryStream(checkpoint, writable: false);
            trainer.LoadCheckpoint(stream);
        }

        return new TrialSetup(data, parameters, model, optimizer, batches, trainer);
    }

    /// <summary>
    /// Runs the trial to its outcome. The training itself is synchronous CPU work between the awaited
    /// callbacks: call it from a thread that may block (the grain runs it off the Orleans scheduler).
    /// </summary>
    public static async Task<TrainingResult> RunAsync(
        TrialRequest request,
        TrainingCallbacks? callbacks = null,
        CancellationToken cancellationToken = default,
        TaskDataCache? cache = null)
    {
        var setup = Prepare(request, cache);
        return await setup.Trainer.RunAsync(callbacks, cancellationToken).ConfigureAwait(false);
    }
}

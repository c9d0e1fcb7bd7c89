using HyperSweep.Search;
using HyperSweep.Engine.Schema;
using System.CommandLine;
using HyperSweep.Client.Cli;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HyperSweep.Engine;
using HyperSweep.Engine.Data;
using HyperSweep.Engine.Training;

namespace HyperSweep.Client.Train;

/// <summary>
/// <c>hypersweep train &lt;trial.yaml&gt;</c>: trains one configuration in this process, without Orleans, through
/// <see cref="TrialRunner"/>, printing each epoch's metrics. For debugging a model before sweeping it.
/// Exit codes: 0 trained (including an early stop), 1 failed (diverged), 2 bad trial file or data,
/// 130 interrupted by Ctrl-C or SIGTERM (the last finished epoch is in the checkpoint, if one is configured).
/// </summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var trial = new Argument<string>("trial") { Description = "The trial file: a spec with fixed model: values (task, model, strategy.seed, budget; paths relative to it)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the trial from its checkpoint: file, after its last finished epoch." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per epoch and a final summary object, one per line." };
        var progress = new Option<bool>("--progress") { Description = "Also report progress within each epoch on stderr." };
        var command = new Command(
            "train",
            "Train one configuration in this process (no Orleans) and print per-epoch metrics. "
            + "Exit codes: 0 trained, 1 diverged, 2 bad trial file or data, 130 interrupted by Ctrl-C or SIGTERM.")
        {
            trial, resume, json, progress,
        };
        command.WithExamples(
            "hypersweep train examples/trials/agreement-lstm-tiny.yaml",
            "hypersweep trial quickstart 5 --as-trial-file -o t5.yaml   # a sweep's trial as a trial file, then:",
            "hypersweep train t5.yaml --json                             # the same metrics, every epoch",
            "hypersweep train examples/trials/ptb-lstm.yaml --resume      # after Ctrl-C, from its checkpoint: file");
        command.SetAction(async (parse, cancellation) =>
        {
            var request = new TrainRequest(parse.GetValue(trial)!, parse.GetValue(resume), parse.GetValue(json), parse.GetValue(progress));
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                // First Ctrl-C stops after the current batch; a second one is left to the runtime.
                e.Cancel = !interrupted.IsCancellationRequested;
                interrupted.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            // A background job started from a script ignores SIGINT, so SIGTERM stops the run the same way.
            using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = !interrupted.IsCancellationRequested;
                interrupted.Cancel();
            });
            try
            {
                var configuration = parse.InvocationConfiguration;
                return await RunAsync(request, configuration.Output, configuration.Error, interrupted.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(TrainRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TrialFile trial;
        TrialSetup setup;
        int? resumedAfter = null;
        try
        {
            trial = TrialFileParser.Load(request.TrialPath);
            var trialRequest = trial.Request;
            if (request.Resume)
            {
                if (trial.CheckpointPath is not { } checkpointPath)
                {
                    throw new TrialFileException($"{trial.Path}: checkpoint: --resume needs a checkpoint: path in the trial file");
                }

                if (!File.Exists(checkpointPath))
                {
                    throw new TrialFileException($"{checkpointPath}: checkpoint not found (nothing to resume)");
                }

                trialRequest = trialRequest with { ResumeFrom = await File.ReadAllBytesAsync(checkpointPath, cancellationToken) };
            }

            try
            {
                setup = TrialRunner.Prepare(trialRequest);
            }
            catch (EngineException exception)
            {
                throw TrialFileParser.Locate(trial.Path, trial.Marks, exception);
            }

            if (request.Resume)
            {
                resumedAfter = setup.Trainer.CompletedEpochs;
            }
        }
        catch (TrialFileException exception)
        {
            await stderr.WriteLineAsync($"hypersweep train: {exception.Message}");
            return ExitCodes.BadInput;
        }

        if (trial.Note is { } note)
        {
            await stderr.WriteLineAsync($"hypersweep train: note: {note}");
        }

        foreach (var ignored in setup.Parameters.Ignored)
        {
            await stderr.WriteLineAsync($"hypersweep train: warning: parameters.{ignored} is not used by arch {setup.Parameters.Arch.ToString().ToLowerInvariant()}");
        }

        var output = new TrainOutput(stdout, request.Json);
        output.Start(trial, setup.Model.Parameters.Sum(parameter => parameter.Size), resumedAfter);
        var total = Stopwatch.StartNew();
        var epochClock = Stopwatch.StartNew();
        var callbacks = new TrainingCallbacks(
            OnEpochEnd: (metrics, _) =>
            {
                output.Epoch(metrics, epochClock.Elapsed.TotalSeconds);
                stdout.Flush();
                return ValueTask.FromResult(EpochDecision.Continue);
            },
            OnBatch: request.Progress ? ProgressReporter(stderr) : null,
            OnCheckpoint: trial.CheckpointPath is { } path
                ? async (_, bytes, _) => await WriteAtomicallyAsync(path, bytes)
                : null);

        // The engine's training is synchronous CPU work; run it off the caller's thread so Ctrl-C is seen promptly.
        var result = await Task.Run(
            async () =>
            {
                epochClock.Restart();
                return await setup.Trainer.RunAsync(WithEpochClockReset(callbacks, epochClock), cancellationToken);
            },
            CancellationToken.None);

        AgreementResult? agreement = null;
        if (trial.AgreementDirectory is { } directory && result.Outcome == TrialState.Completed)
        {
            try
            {
                var items = LinzenAgreementReader.ReadDirectory(directory).Select(AgreementItem.From);
                agreement = AgreementEvaluator.Evaluate(setup.Model, setup.Data.Vocabulary, items);
            }
            catch (EngineException exception)
            {
                await stderr.WriteLineAsync($"hypersweep train: agreement_eval: {exception.Message}");
                return ExitCodes.BadInput;
            }
        }

        var objective = trial.Request.Objective ?? MetricSchema.DefaultObjective(trial.Request.Task.Kind);
        output.Summary(result, objective.Metric, total.Elapsed.TotalSeconds, agreement);
        return result.Outcome switch
        {
            TrialState.Completed => ExitCodes.Success,
            TrialState.Cancelled => ExitCodes.Interrupted,
            _ => ExitCodes.SweepFailed,
        };
    }

    /// <summary>Restarts the per-epoch clock after each epoch has been reported (and checkpointed).</summary>
    private static TrainingCallbacks WithEpochClockReset(TrainingCallbacks callbacks, Stopwatch epochClock) => callbacks with
    {
        OnEpochEnd = async (metrics, token) =>
        {
            var decision = await callbacks.OnEpochEnd!(metrics, token);
            epochClock.Restart();
            return decision;
        },
    };

    private static Action<BatchProgress> ProgressReporter(TextWriter stderr)
    {
        var clock = Stopwatch.StartNew();
        return progress =>
        {
            var step = Math.Max(1, progress.BatchCount / 20);
            if (progress.Batch % step == 0 || progress.Batch == progress.BatchCount)
            {
                stderr.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  epoch {progress.Epoch} batch {progress.Batch}/{progress.BatchCount} loss {progress.Loss:F4} ({clock.Elapsed.TotalSeconds:F0}s)"));
                stderr.Flush();
            }
        };
    }

    /// <summary>
    /// Writes next to the target and renames, so an interruption never leaves a half-written checkpoint. Not
    /// cancellable: the epoch it records has finished.
    /// </summary>
    private static async Task WriteAtomicallyAsync(string path, byte[] bytes)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, CancellationToken.None);
        File.Move(temporary, path, overwrite: true);
    }
}

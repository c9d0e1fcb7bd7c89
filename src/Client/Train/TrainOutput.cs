using HyperSweep.Engine.Schema;
using HyperSweep.Search;
using System.Globalization;
using System.Text.Json;
using HyperSweep.Engine.Training;

namespace HyperSweep.Client.Train;

/// <summary>
/// Writes <c>hypersweep train</c>'s results: plain lines (<c>epoch 3  train_loss 4.812  val_loss ...</c>) or,
/// with --json, one JSON object per line for each epoch and one final summary object (kind "summary").
/// </summary>
public sealed class TrainOutput
{
    private readonly TextWriter _out;
    private readonly bool _json;

    public TrainOutput(TextWriter output, bool json)
    {
        _out = output;
        _json = json;
    }

    public void Start(TrialFile trial, int parameterCount, int? resumedAfter)
    {
        if (_json)
        {
            return;
        }

        var resumed = resumedAfter is { } epoch ? $", resumed after epoch {epoch}" : string.Empty;
        _out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"training {trial.Path}: seed {trial.Request.Seed}, up to {trial.Request.MaxEpochs} epochs, {parameterCount:N0} parameters{resumed}"));
    }

    public void Epoch(EpochMetrics metrics, double seconds)
    {
        if (_json)
        {
            var values = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["kind"] = "epoch",
                ["epoch"] = metrics.Epoch,
            };
            foreach (var (name, value) in metrics.ToDictionary())
            {
                values[name] = value;
            }

            values[HyperParameterSchema.LearningRate.Name] = metrics.LearningRate;
            values["seconds"] = Math.Round(seconds, 3);
            WriteJson(values);
            return;
        }

        var line = string.Create(CultureInfo.InvariantCulture, $"epoch {metrics.Epoch,3}  train_loss {metrics.TrainLoss:F4}  val_loss {metrics.ValLoss:F4}");
        if (metrics.ValAccuracy is { } accuracy)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  val_accuracy {accuracy:F4}");
        }

        if (metrics.ValPerplexity is { } perplexity)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  val_perplexity {perplexity:F2}");
        }

        _out.WriteLine(line + string.Create(CultureInfo.InvariantCulture, $"  lr {metrics.LearningRate:G4}  {seconds:F1}s"));
    }

    public void Summary(TrainingResult result, string metric, double seconds, AgreementResult? agreement)
    {
        if (_json)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["kind"] = "summary",
                ["outcome"] = OutcomeName(result.Outcome),
                ["reason"] = result.Reason,
                ["epochs"] = result.Epochs.Count,
                ["best_epoch"] = result.BestEpoch,
                ["objective"] = metric,
                ["best_value"] = result.BestValue,
                ["seconds"] = Math.Round(seconds, 3),
            };
            if (agreement is not null)
            {
                values["agreement"] = AgreementJson(agreement);
            }

            WriteJson(values);
            return;
        }

        if (agreement is not null)
        {
            _out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"agreement: accuracy {agreement.Accuracy:F4} on {agreement.Total} items ({agreement.Skipped} skipped: verb form not in the vocabulary)"));
            foreach (var (attractors, (correct, total)) in agreement.ByAttractors)
            {
                _out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  attractors {attractors}: {(double)correct / total:F4}  ({correct}/{total})"));
            }
        }

        var reason = result.Reason is null ? string.Empty : $" ({result.Reason})";
        var best = result.BestEpoch is { } epoch
            ? string.Create(CultureInfo.InvariantCulture, $"; best {metric} {result.BestValue:F4} at epoch {epoch}")
            : string.Empty;
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{OutcomeName(result.Outcome)}{reason} after {result.Epochs.Count} epochs in {seconds:F1}s{best}"));
    }

    public static string OutcomeName(TrialState outcome) => outcome switch
    {
        TrialState.Completed => "completed",
        TrialState.Pruned => "pruned",
        TrialState.Failed => "failed",
        TrialState.Cancelled => "cancelled",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private static Dictionary<string, object> AgreementJson(AgreementResult agreement)
    {
        var byAttractors = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (attractors, (correct, total)) in agreement.ByAttractors)
        {
            byAttractors[attractors.ToString(CultureInfo.InvariantCulture)] = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["accuracy"] = (double)correct / total,
                ["correct"] = correct,
                ["total"] = total,
            };
        }

        return new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["accuracy"] = agreement.Accuracy,
            ["total"] = agreement.Total,
            ["skipped"] = agreement.Skipped,
            ["by_attractors"] = byAttractors,
        };
    }

    private void WriteJson<T>(T value)
    {
        _out.WriteLine(JsonSerializer.Serialize(value));
        _out.Flush();
    }
}

using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Client.Plotting;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep analyze gradients &lt;sweep&gt; --trial N [--trial M ...] -o grads.png</c>: the gradient norms trials of a
/// sweep with <c>analysis: {gradient_norms: true}</c> recorded, ‖∂L/∂h_t‖ against steps before the loss, per layer —
/// several trials in one figure compare Elman with LSTM and GRU.
/// </summary>
public static class AnalyzeGradientsCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var trials = new Option<int[]>("--trial") { Description = "The trial(s) to plot (repeat the option to compare trials).", Required = true, AllowMultipleArgumentsPerToken = true };
        var epoch = new Option<int?>("--epoch") { Description = "The epoch to show (default: each trial's last recorded one)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "The image (.png, or .svg); without it only the numbers are printed." };
        var command = new Command("gradients", "Plot the recorded gradient norms ‖∂L/∂h_t‖ per time step and layer (vanishing gradients: Elman vs LSTM/GRU).")
        {
            sweep, trials, epoch, output,
        };
        command.WithExamples(
            "hypersweep analyze gradients ptb-elman --trial 0 --trial 3 -o gradients.png",
            "hypersweep analyze gradients ptb-lstm --trial 2 --epoch 1");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var chosen = new List<(int Trial, GradientRecord Record)>();
            foreach (var number in parse.GetValue(trials)!.Distinct())
            {
                var records = await grain.GetGradients(number) ?? throw new CliInputException($"sweep {status.SweepId} has no trial {number}");
                if (records.Count == 0)
                {
                    throw new CliInputException(
                        $"trial {number} of sweep {status.SweepId} recorded no gradient norms (the spec needs analysis: {{gradient_norms: true}}, and the model must be recurrent)");
                }

                var wanted = parse.GetValue(epoch);
                var record = wanted is { } e
                    ? records.FirstOrDefault(r => r.Epoch == e) ?? throw new CliInputException($"trial {number} recorded epochs {string.Join(", ", records.Select(r => r.Epoch))}, not {e}")
                    : records[^1];
                chosen.Add((number, record));
            }

            var lines = chosen.SelectMany(c => c.Record.Layers.Select((norms, layer) => new GradientChart.Line(
                $"trial {c.Trial}: {c.Record.Cell}{(c.Record.Layers.Length > 1 ? $" layer {layer}" : "")}, epoch {c.Record.Epoch}", norms))).ToList();
            if (parse.GetValue(output) is { } file)
            {
                await OutputFile.SaveAsync(file, path =>
                {
                    GradientChart.Save(lines, $"{status.Name}: gradient reaching h_t, by distance to the loss", path, 1100, 700);
                    return Task.CompletedTask;
                });
                if (!context.Quiet && !context.Json)
                {
                    await context.Error.WriteLineAsync($"wrote {file.FullName}");
                }
            }

            if (context.Json)
            {
                JsonReport.WriteDocument(context.Out, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("sweep_id", status.SweepId);
                    json.WriteStartArray("trials");
                    foreach (var (trial, record) in chosen)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("trial", trial);
                        json.WriteNumber("epoch", record.Epoch);
                        json.WriteString(HyperSweep.Engine.Schema.HyperParameterSchema.Cell.Name, record.Cell); // the hyper-parameter's own name
                        json.WriteStartArray("layers");
                        foreach (var layer in record.Layers)
                        {
                            json.WriteStartArray();
                            layer.ToList().ForEach(json.WriteNumberValue);
                            json.WriteEndArray();
                        }

                        json.WriteEndArray();
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            var longest = lines.Max(l => l.Norms.Count);
            var steps = Enumerable.Range(0, longest).Where(k => k < 4 || (k & (k - 1)) == 0 || k == longest - 1).ToList();
            var table = new TextTable(["", .. steps.Select(k => $"k={k}")]);
            foreach (var line in lines)
            {
                table.Add([line.Label, .. steps.Select(k => k < line.Norms.Count ? line.Norms[k].ToString("0.##e+0", System.Globalization.CultureInfo.InvariantCulture) : "-")]);
            }

            table.Write(context, "mean ‖∂L/∂h_t‖, k steps before the loss:");
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using HyperSweep.Client.Cli;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep validate &lt;spec&gt;</c>: parses and checks a spec without any cluster and prints the trial plan —
/// method, trial count (grid size), the sampler's effective settings (TPE: every setting, defaults included), the
/// parameters and their domains, and the epoch budget without pruning.
/// </summary>
public static class ValidateCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The sweep spec (YAML, docs/SPEC.md)." };
        var json = new Option<bool>("--json") { Description = "Print the plan as JSON (docs/CLI.md)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing when the spec is valid (the exit code says it)." };
        var command = new Command("validate", "Check a sweep spec (errors as file:line:column, exit 2) and print its trial plan and epoch budget.")
        {
            spec, json, quiet,
        };
        command.WithExamples(
            "hypersweep validate examples/quickstart.yaml",
            "hypersweep validate sweep.yaml --quiet && hypersweep submit sweep.yaml");
        command.SetAction(async parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var file = parse.GetValue(spec)!;
            var loaded = await SpecFile.LoadAsync(file, "hypersweep validate", parse.InvocationConfiguration.Error);
            if (loaded is not { } valid)
            {
                return ExitCodes.BadInput;
            }

            var parsed = valid.Spec;
            var planned = valid.PlannedTrials;
            var budget = planned * parsed.Budget.MaxEpochs;
            if (parse.GetValue(json))
            {
                JsonReport.WriteDocument(output, w =>
                {
                    w.WriteStartObject();
                    w.WriteString("name", parsed.Name);
                    w.WriteString("method", parsed.Strategy.Method.ToString().ToLowerInvariant());
                    w.WriteNumber("trials", planned);
                    w.WriteNumber("max_epochs", parsed.Budget.MaxEpochs);
                    w.WriteNumber("epoch_budget", budget);
                    w.WriteNumber("concurrency", parsed.Concurrency);
                    w.WriteStartObject("objective");
                    w.WriteString("metric", parsed.Objective.Metric);
                    w.WriteString("direction", parsed.Objective.Maximize ? "maximize" : "minimize");
                    w.WriteEndObject();
                    w.WriteString("pruner", parsed.Pruner.Name);
                    w.WriteStartObject("sampler");
                    w.WriteString("method", parsed.Strategy.Method.ToString().ToLowerInvariant());
                    w.WriteNumber("seed", parsed.Strategy.Seed);
                    if (parsed.Strategy.Tpe is { } tpe)
                    {
                        w.WriteStartObject("settings");
                        foreach (var (name, value) in tpe.Describe())
                        {
                            w.WriteString(name, value);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                    w.WriteStartArray("parameters");
                    foreach (var p in parsed.Parameters.Parameters)
                    {
                        w.WriteStartObject();
                        w.WriteString("name", p.Name);
                        w.WriteString("domain", DomainText.Describe(p.Domain));
                        w.WriteString("when", p.When is null ? null : DomainText.Describe(p.When));
                        if (p.Domain.GridCount is { } count)
                        {
                            w.WriteNumber("grid_values", count);
                        }
                        else
                        {
                            w.WriteNull("grid_values");
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            if (parse.GetValue(quiet))
            {
                return ExitCodes.Success;
            }

            await output.WriteLineAsync($"{file}: valid sweep '{parsed.Name}'");
            await output.WriteLineAsync($"strategy: {parsed.Strategy.Method.ToString().ToLowerInvariant()}, {planned} trials, {parsed.Concurrency} at once, seed {parsed.Strategy.Seed}");
            if (parsed.Strategy.Tpe is { } settings)
            {
                await output.WriteLineAsync("sampler: TPE (Optuna 3.1 TPESampler's decisions), effective settings:");
                foreach (var (name, value) in settings.Describe())
                {
                    await output.WriteLineAsync($"  {name}: {value}");
                }
            }

            await output.WriteLineAsync($"objective: {parsed.Objective}; pruner: {parsed.Pruner.Name}");
            await output.WriteLineAsync($"epoch budget: at most {budget} epochs ({planned} trials x {parsed.Budget.MaxEpochs} epochs; pruning and early stopping spend less)");
            await output.WriteLineAsync("parameters:");
            foreach (var p in parsed.Parameters.Parameters)
            {
                var grid = p.Domain.GridCount is { } count ? $" ({count} values)" : "";
                var when = p.When is null ? "" : $" when {DomainText.Describe(p.When)}";
                await output.WriteLineAsync($"  {p.Name}: {DomainText.Describe(p.Domain)}{grid}{when}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

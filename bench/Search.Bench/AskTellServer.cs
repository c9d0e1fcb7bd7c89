using System.Globalization;
using System.Text.Json;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spec;

namespace HyperSweep.Search.Bench;

/// <summary>
/// <c>--ask-tell --space FILE --sampler tpe|random [--set k=v] [--seed S] [--direction minimize|maximize]</c>: one study
/// driven over JSON lines on stdin/stdout (bench/README-search.md), so that any objective — a benchmark function,
/// a user's program — can drive our samplers. <c>{"ask":{"trial":n}}</c> is answered with one line
/// <c>{"trial":n,"params":{…}}</c>; <c>{"tell":{"trial":n,"value":v|null,"state":"complete|pruned|failed",
/// "intermediate":{"step":value,…}}}</c> is not answered. A malformed or out-of-order message ends the process with
/// its reason on stderr and exit code 2; end of input ends it with 0.
/// </summary>
internal static class AskTellServer
{
    public static int Run(BenchOptions options, TextReader input, TextWriter output, TextWriter error)
    {
        SearchSession session;
        try
        {
            var spaceFile = options.Value("--space") ?? throw new ArgumentException("--ask-tell needs --space FILE (a YAML with a parameters: section)");
            var space = SweepSpecParser.ParseSpaceFile(spaceFile);
            var direction = options.Value("--direction") switch
            {
                null or "minimize" => StudyDirection.Minimize,
                "maximize" => StudyDirection.Maximize,
                var other => throw new ArgumentException($"--direction must be minimize or maximize, not '{other}'"),
            };
            var sampler = SamplerFactory.Create(options.Value("--sampler") ?? "tpe", space, options.Long("--seed", 0), options.Settings());
            session = new SearchSession("ask-tell", direction, sampler, new NopPruner());
        }
        catch (Exception exception) when (exception is ArgumentException or SpecException or IOException)
        {
            error.WriteLine($"ask-tell: {exception.Message}");
            return 2;
        }
        var lineNumber = 0;
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }
            try
            {
                using var message = JsonDocument.Parse(line);
                if (message.RootElement.TryGetProperty("ask", out var ask))
                {
                    var trial = ask.GetProperty("trial").GetInt32();
                    output.WriteLine(Answer(trial, session.Propose(trial)));
                    output.Flush();
                }
                else if (message.RootElement.TryGetProperty("tell", out var tell))
                {
                    Tell(session, tell);
                }
                else
                {
                    throw new FormatException("a message is {\"ask\":{…}} or {\"tell\":{…}}");
                }
            }
            catch (Exception exception) when (exception is JsonException or FormatException or KeyNotFoundException or InvalidOperationException
                or ArgumentException or InvalidCastException)
            {
                error.WriteLine($"ask-tell: line {lineNumber}: {exception.Message}");
                return 2;
            }
        }
        return 0;
    }

    private static void Tell(SearchSession session, JsonElement tell)
    {
        var trial = tell.GetProperty("trial").GetInt32();
        if (!session.Study.Contains(trial))
        {
            throw new InvalidOperationException($"trial {trial} was never asked");
        }
        if (tell.TryGetProperty("intermediate", out var intermediate) && intermediate.ValueKind != JsonValueKind.Null)
        {
            var reports = intermediate.ValueKind == JsonValueKind.Object
                ? intermediate.EnumerateObject().Select(p => (int.Parse(p.Name, CultureInfo.InvariantCulture), Number(p.Value)))
                : intermediate.EnumerateArray().Select(pair => (pair[0].GetInt32(), Number(pair[1])));
            foreach (var (step, reported) in reports.OrderBy(r => r.Item1))
            {
                session.Report(trial, step, reported);
            }
        }
        var state = tell.TryGetProperty("state", out var stateText) ? stateText.GetString() : "complete";
        double? final = tell.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null ? Number(value) : null;
        session.Finish(trial, state switch
        {
            "complete" => TrialState.Completed,
            "pruned" => TrialState.Pruned,
            "failed" or "fail" => TrialState.Failed,
            _ => throw new FormatException($"state must be complete, pruned or failed, not '{state}'"),
        }, final);
    }

    /// <summary>A JSON number, null (NaN), or one of the strings Infinity, -Infinity, NaN.</summary>
    private static double Number(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Null => double.NaN,
        JsonValueKind.String => element.GetString() switch
        {
            "Infinity" or "inf" => double.PositiveInfinity,
            "-Infinity" or "-inf" => double.NegativeInfinity,
            "NaN" or "nan" => double.NaN,
            var other => throw new FormatException($"'{other}' is not a number"),
        },
        _ => throw new FormatException($"{element.GetRawText()} is not a number"),
    };

    private static string Answer(int trial, HyperSweep.Search.Spaces.TrialParameters parameters)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("trial", trial);
            json.WriteStartObject("params");
            foreach (var (name, value) in parameters)
            {
                switch (value)
                {
                    case long l:
                        json.WriteNumber(name, l);
                        break;
                    case double d:
                        json.WriteNumber(name, d);
                        break;
                    case bool b:
                        json.WriteBoolean(name, b);
                        break;
                    default:
                        json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                        break;
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

using System.Text.Json;
using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;

namespace HyperSweep.Engine.Tests.Oracle;

/// <summary>
/// One oracle case turned into engine objects: the model (built from the case's kind and config, with the
/// case's weights), the batch, and the initial recurrent state for language models.
/// </summary>
internal sealed class OracleCase
{
    private readonly JsonElement _root;
    private readonly JsonElement _config;
    private readonly JsonElement _inputs;
    private readonly JsonElement _weights;
    private readonly IReadOnlyList<CellState>? _initialState;

    public OracleCase(string path)
    {
        Path = path;
        _root = JsonDocument.Parse(File.ReadAllText(path)).RootElement;
        Kind = _root.GetProperty("kind").GetString()!;
        _config = _root.GetProperty("config");
        _inputs = _root.GetProperty("inputs");
        _weights = _root.GetProperty("weights");
        (Model, Module, Batch) = Kind switch
        {
            "dan" => BuildDan(),
            "nplm" => BuildNplm(),
            "elman_lm" => BuildLanguageModel(CellKind.Elman),
            "lstm_lm" => BuildLanguageModel(CellKind.Lstm),
            "gru_lm" => BuildLanguageModel(CellKind.Gru),
            "birnn_classifier" => BuildClassifier(),
            _ => throw new NotSupportedException($"{path}: the engine cannot build kind '{Kind}'."),
        };
        LoadWeights();
        if (Kind.EndsWith("_lm", StringComparison.Ordinal))
        {
            _initialState = ReadInitialState();
        }
    }

    public string Path { get; }

    public string Kind { get; }

    public IModel Model { get; }

    public Module Module { get; }

    public ModelBatch Batch { get; }

    public JsonElement? Optimizer => _root.TryGetProperty("optimizer", out var o) && o.ValueKind == JsonValueKind.Object ? o : null;

    /// <summary>The loss at the current weights, from the case's initial state (a fresh graph).</summary>
    public Tensor Loss()
    {
        RestoreInitialState();
        return Model.Loss(Batch, null);
    }

    /// <summary>Every step of a case starts from the case's h0/c0 (or zeros), not from the previous step's final state.</summary>
    public void RestoreInitialState()
    {
        if (Model is RnnLanguageModel lm)
        {
            lm.State = _initialState;
        }
    }

    public Optimizer CreateOptimizer()
    {
        var o = Optimizer!.Value;
        var type = o.GetProperty("type").GetString();
        var lr = (float)o.GetProperty("lr").GetDouble();
        float? clip = o.TryGetProperty("clip_norm", out var c) && c.ValueKind == JsonValueKind.Number ? (float)c.GetDouble() : null;
        return type switch
        {
            "sgd" => new Sgd(Module.Parameters, lr, Number(o, "momentum", 0), clipNorm: clip),
            "adam" => new Adam(
                Module.Parameters, lr,
                o.TryGetProperty("betas", out var betas) ? (float)betas[0].GetDouble() : 0.9f,
                o.TryGetProperty("betas", out var betas2) ? (float)betas2[1].GetDouble() : 0.999f,
                Number(o, "eps", 1e-8f), clipNorm: clip),
            _ => throw new NotSupportedException($"{Path}: optimizer type '{type}' is not supported."),
        };
    }

    public int OptimizerSteps => Optimizer!.Value.TryGetProperty("steps", out var s) ? s.GetInt32() : 1;

    private (IModel, Module, ModelBatch) BuildDan()
    {
        var hidden = _config.GetProperty("hidden");
        int[] widths = hidden.ValueKind == JsonValueKind.Array
            ? hidden.EnumerateArray().Select(e => e.GetInt32()).ToArray()
            : Enumerable.Repeat(hidden.GetInt32(), _config.GetProperty("hidden_layers").GetInt32()).ToArray();
        var activation = String(_config, "activation", "relu") == "tanh" ? Activation.Tanh : Activation.Relu;
        var model = new Dan(Int(_config, "vocab"), Int(_config, "emb"), widths, Int(_config, "classes"), new Random(0), activation);
        return (model, model, SequenceBatch(labels: true));
    }

    private (IModel, Module, ModelBatch) BuildNplm()
    {
        var direct = _config.TryGetProperty("direct", out var d) && d.GetBoolean();
        var model = new Nplm(Int(_config, "vocab"), Int(_config, "emb"), Int(_config, "context"), Int(_config, "hidden"), new Random(0), direct);
        var (shape, context) = OracleJson.ReadIntegers(_inputs.GetProperty("context"), "inputs.context");
        var (_, targets) = OracleJson.ReadIntegers(_inputs.GetProperty("targets"), "inputs.targets");
        return (model, model, ModelBatch.Dense(shape[0], shape[1], context, labels: targets));
    }

    private (IModel, Module, ModelBatch) BuildLanguageModel(CellKind cell)
    {
        var model = new RnnLanguageModel(
            Int(_config, "vocab"), Int(_config, "emb"), Int(_config, "hidden"), Int(_config, "layers", 1), cell, new Random(0),
            options: Options("layer0."));
        var batch = SequenceBatch(labels: false);
        var (_, targets) = OracleJson.ReadIntegers(_inputs.GetProperty("targets"), "inputs.targets");
        return (model, model, batch with { Targets = targets });
    }

    private (IModel, Module, ModelBatch) BuildClassifier()
    {
        var cell = String(_config, "cell", "elman") switch
        {
            "elman" => CellKind.Elman,
            "lstm" => CellKind.Lstm,
            "gru" => CellKind.Gru,
            var other => throw new NotSupportedException($"{Path}: cell '{other}'."),
        };
        var bidirectional = !_config.TryGetProperty("bidirectional", out var b) || b.GetBoolean();
        var model = new RnnClassifier(
            Int(_config, "vocab"), Int(_config, "emb"), Int(_config, "hidden"), Int(_config, "layers", 1), Int(_config, "classes"),
            cell, new Random(0), bidirectional, options: Options(bidirectional ? "layer0.fwd." : "layer0."));
        return (model, model, SequenceBatch(labels: true));
    }

    /// <summary>Which biases the case's cells have (ORACLE.md: absent = zero, no gradient; "b" aliases b_x).</summary>
    private CellOptions Options(string prefix)
    {
        var activation = String(_config, "nonlinearity", "tanh") == "relu" ? Activation.Relu : Activation.Tanh;
        var reset = String(_config, "gru_reset", "after") == "before" ? GruReset.Before : GruReset.After;
        var alias = _weights.TryGetProperty(prefix + "b", out _);
        return new CellOptions(
            activation, reset,
            InputBias: alias || _weights.TryGetProperty(prefix + "b_x", out _),
            RecurrentBias: _weights.TryGetProperty(prefix + "b_h", out _),
            InputBiasName: alias ? "b" : "b_x");
    }

    private ModelBatch SequenceBatch(bool labels)
    {
        var (shape, tokens) = OracleJson.ReadIntegers(_inputs.GetProperty("tokens"), "inputs.tokens");
        var (batch, length) = (shape[0], shape[1]);
        var mask = new float[batch * length];
        if (_inputs.TryGetProperty("mask", out var m))
        {
            mask = OracleJson.ToFloats(OracleJson.ReadTensor(m, "inputs.mask").Data);
        }
        else if (_inputs.TryGetProperty("lengths", out var l))
        {
            var lengths = OracleJson.ReadIntegers(l, "inputs.lengths").Data;
            for (var i = 0; i < batch; i++)
            {
                for (var t = 0; t < lengths[i]; t++)
                {
                    mask[(i * length) + t] = 1f;
                }
            }
        }
        else
        {
            Array.Fill(mask, 1f);
        }

        var labelData = labels ? OracleJson.ReadIntegers(_inputs.GetProperty("labels"), "inputs.labels").Data : null;
        return new ModelBatch(batch, length, tokens, mask, labelData);
    }

    private IReadOnlyList<CellState>? ReadInitialState()
    {
        if (!_inputs.TryGetProperty("h0", out var h0Element))
        {
            return null;
        }

        var (shape, h0) = OracleJson.ReadTensor(h0Element, "inputs.h0");
        double[]? c0 = _inputs.TryGetProperty("c0", out var c0Element) ? OracleJson.ReadTensor(c0Element, "inputs.c0").Data : null;
        var (layers, batch, hidden) = (shape[0], shape[1], shape[2]);
        var states = new CellState[layers];
        for (var l = 0; l < layers; l++)
        {
            var slice = l * batch * hidden;
            var h = new Tensor(OracleJson.ToFloats(h0[slice..(slice + (batch * hidden))]), batch, hidden);
            var c = c0 is null ? null : new Tensor(OracleJson.ToFloats(c0[slice..(slice + (batch * hidden))]), batch, hidden);
            states[l] = new CellState(h, c ?? (Kind == "lstm_lm" ? Tensor.Zeros(batch, hidden) : null));
        }

        return states;
    }

    private void LoadWeights()
    {
        var given = new HashSet<string>();
        foreach (var weight in _weights.EnumerateObject())
        {
            given.Add(weight.Name);
            var parameter = Module.GetParameter(weight.Name);
            var (shape, data) = OracleJson.ReadTensor(weight.Value, "weights." + weight.Name);
            if (!parameter.Shape.SequenceEqual(shape))
            {
                throw new InvalidDataException(
                    $"{Path}: weight {weight.Name} has shape {Tensor.Describe(shape)}, the engine's is {Tensor.Describe(parameter.Shape)}.");
            }

            OracleJson.ToFloats(data).CopyTo(parameter.Data, 0);
        }

        var missing = Module.Parameters.Where(p => !given.Contains(p.Name)).Select(p => p.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"{Path}: the case gives no value for the engine's parameters {string.Join(", ", missing)}.");
        }
    }

    private static int Int(JsonElement e, string name, int? fallback = null)
    {
        return e.TryGetProperty(name, out var v) ? v.GetInt32() : fallback ?? throw new InvalidDataException($"config.{name} is missing.");
    }

    private static float Number(JsonElement e, string name, float fallback)
    {
        return e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (float)v.GetDouble() : fallback;
    }

    private static string String(JsonElement e, string name, string fallback)
    {
        return e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : fallback;
    }
}

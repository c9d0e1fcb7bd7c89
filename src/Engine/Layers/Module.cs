namespace HyperSweep.Engine.Layers;

/// <summary>A layer or model: owns parameters (its own and its children's), in a stable registration order.</summary>
public abstract class Module
{
    private readonly List<Parameter> _parameters = [];

    /// <summary>Every parameter of this module and the modules registered under it.</summary>
    public IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The parameter with this dotted name; the error lists what exists.</summary>
    public Parameter GetParameter(string name)
    {
        return _parameters.FirstOrDefault(p => p.Name == name)
            ?? throw new EngineException(
                $"{GetType().Name}: no parameter named '{name}' (has: {string.Join(", ", _parameters.Select(p => p.Name))}).");
    }

    protected Parameter AddParameter(Parameter parameter)
    {
        if (_parameters.Any(p => p.Name == parameter.Name))
        {
            throw new EngineException($"{GetType().Name}: parameter name '{parameter.Name}' registered twice.");
        }

        _parameters.Add(parameter);
        return parameter;
    }

    protected T AddModule<T>(T module)
        where T : Module
    {
        foreach (var p in module.Parameters)
        {
            AddParameter(p);
        }

        return module;
    }
}

namespace HyperSweep.Engine.Schema;

/// <summary>
/// The spellings of an enum's values in specs ("lstm" ↔ <c>CellKind.Lstm</c>): one table per enum, so a name is
/// written once and both the schema's accepted choices and the parser's mapping come from it.
/// </summary>
public sealed class NamedValues<T>
    where T : struct
{
    private readonly (string Name, T Value)[] _pairs;

    public NamedValues(params (string Name, T Value)[] pairs)
    {
        _pairs = pairs;
    }

    public IReadOnlyList<string> Names => [.. _pairs.Select(p => p.Name)];

    public T ValueOf(string name) => _pairs.First(p => p.Name == name).Value;

    public string NameOf(T value) => _pairs.First(p => EqualityComparer<T>.Default.Equals(p.Value, value)).Name;

    public ValueRule Rule() => ValueRule.Choice(Names);
}

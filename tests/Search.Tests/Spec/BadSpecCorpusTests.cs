using HyperSweep.Engine.Schema;
using System.Text.RegularExpressions;
using HyperSweep.Search.Spec;

namespace HyperSweep.Search.Tests.Spec;

/// <summary>
/// Every malformed spec under BadSpecs/ is refused with a <see cref="SpecException"/> naming the field given
/// by its "# field:" comment, at the line marked "# &lt;-- here" (or given by "# line:"), with a message holding
/// the "# expect:" fragment. Data files are opened relative to the corpus folder, as the CLI opens them relative to
/// the spec's (BadSpecs/data holds the broken ones). The corpus is plain files so the CLI tests can replay it too.
/// </summary>
public sealed partial class BadSpecCorpusTests
{
    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "BadSpecs");

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(CorpusDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Fact]
    public void TheCorpusHoldsAtLeastThirtySpecs()
    {
        Assert.True(Directory.GetFiles(CorpusDirectory, "*.yaml").Length >= 30);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void IsRefusedNamingTheFieldAndTheLine(string file)
    {
        var text = File.ReadAllText(Path.Combine(CorpusDirectory, file));
        var field = Header(text, "field") ?? throw new InvalidDataException($"{file} has no '# field:' line");
        var expect = Header(text, "expect");
        var line = Header(text, "line") is { } explicitLine ? int.Parse(explicitLine) : MarkedLine(text, file);

        var error = Assert.Throws<SpecException>(() => SweepSpecParser.Parse(text, file, EngineSchema.Instance, CorpusDirectory));

        Assert.Equal(field, error.Field);
        Assert.Equal(line, error.Line);
        Assert.True(error.Column >= 1, $"column {error.Column}");
        Assert.StartsWith($"{file}:{line}:", error.Message);
        Assert.Contains(field, error.Message);
        if (expect is not null)
        {
            Assert.Contains(expect, error.Message);
        }
    }

    private static string? Header(string text, string name)
    {
        var match = Regex.Match(text, $"^# {name}: (.*)$", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    private static int MarkedLine(string text, string file)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains("# <-- here", StringComparison.Ordinal));
        return index >= 0 ? index + 1 : throw new InvalidDataException($"{file} marks no line with '# <-- here'");
    }
}

using HyperSweep.Search.Spaces;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperSweep.Search.Spec;

public static partial class SweepSpecParser
{
    /// <summary>
    /// A search space on its own, for benchmarks and ask/tell drivers: the <c>parameters:</c> section of a YAML
    /// document (a whole spec, or a document holding only <c>parameters:</c>), in the spec's syntax and checks, with
    /// any parameter names (a benchmark's x1, x2 are not model hyper-parameters). Other sections are ignored.
    /// </summary>
    public static SearchSpace ParseSpace(string yaml, string source = "<space>")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new SpecException(source, "(yaml syntax)", e.Start.Line, e.Start.Column, YamlProblem(e), e);
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode)
        {
            throw new SpecException(source, "(document)", 1, 1, "a space file is one YAML map with a 'parameters' section");
        }
        var root = new SpecNode(source, "", stream.Documents[0].RootNode);
        var parameters = root.Map().FirstOrDefault(e => e.Key == "parameters").Value
            ?? throw new SpecException(source, "parameters", 1, 1, "the file has no 'parameters' section");
        var random = new StrategySpec(SearchMethod.Random, DefaultRandomTrials, 0, Sampling.GridSampler.DefaultMaxPoints);
        return ParametersSection.Parse(parameters, new Dictionary<string, object>(), random, null, OpenSchema.Instance, taskKind: "");
    }

    public static SearchSpace ParseSpaceFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParseSpace(File.ReadAllText(path), Path.GetFileName(path));
    }
}

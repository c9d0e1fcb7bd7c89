using HyperSweep.Engine.Schema;
using HyperSweep.Search.Spec;

namespace HyperSweep.Search.Tests.Spec;

/// <summary>
/// Random damage to valid and invalid specs: the parser either accepts the text or refuses it with a
/// located <see cref="SpecException"/> — it never fails any other way.
/// </summary>
public sealed class SpecFuzzTests
{
    [Fact]
    public void MutatedSpecsNeverCrashTheParser()
    {
        var seeds = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "examples"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "BadSpecs"), "*.yaml"))
            .Select(File.ReadAllText)
            .ToList();
        var random = new Random(1234);
        const string Alphabet = " :-[]{},#'\"\n\t&*!|>%@`0123456789.eE+abcnull~";
        var refused = 0;
        for (var round = 0; round < 3000; round++)
        {
            var text = seeds[random.Next(seeds.Count)].ToCharArray().ToList();
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits && text.Count > 0; e++)
            {
                var at = random.Next(text.Count);
                switch (random.Next(4))
                {
                    case 0:
                        text.RemoveAt(at);
                        break;
                    case 1:
                        text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    case 2:
                        text[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                    default:
                        var length = Math.Min(random.Next(1, 40), text.Count - at);
                        text.InsertRange(random.Next(text.Count), text.GetRange(at, length));
                        break;
                }
            }
            try
            {
                SweepSpecParser.Parse(new string(text.ToArray()), "fuzz.yaml", EngineSchema.Instance);
            }
            catch (SpecException error)
            {
                refused++;
                Assert.True(error.Line >= 1 && error.Column >= 1, error.Message);
                Assert.False(string.IsNullOrWhiteSpace(error.Field), error.Message);
            }
        }
        Assert.True(refused > 0);
    }
}

using HyperSweep.Engine.Layers;

namespace HyperSweep.Engine.Tests.Layers;

public sealed class EmbeddingFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"glove-{Guid.NewGuid():N}.txt");
    private readonly Dictionary<string, int> _vocabulary = new() { ["the"] = 0, ["cat"] = 2 };

    public void Dispose()
    {
        File.Delete(_path);
    }

    [Fact]
    public void Loads_the_rows_of_known_words_and_leaves_the_others()
    {
        File.WriteAllText(_path, "the 0.5 -1 2\nunknown 9 9 9\n\ncat 1e-1 0 3.25\n");
        var embedding = new Embedding("embedding", 3, 3, new Random(1));
        var untouched = embedding.Table.Data[3..6];
        var loaded = embedding.LoadPretrained(_path, Lookup);
        Assert.Equal(2, loaded);
        Assert.Equal([0.5f, -1f, 2f], embedding.Table.Data[0..3]);
        Assert.Equal(untouched, embedding.Table.Data[3..6]);
        Assert.Equal([0.1f, 0f, 3.25f], embedding.Table.Data[6..9]);
    }

    [Fact]
    public void Skips_a_word2vec_header_and_reads_words_with_spaces()
    {
        File.WriteAllText(_path, "2 3\nthe 1 2 3\nfat cat 4 5 6\n");
        _vocabulary["fat cat"] = 1;
        var embedding = new Embedding("embedding", 3, 3, new Random(1));
        Assert.Equal(2, embedding.LoadPretrained(_path, Lookup));
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], embedding.Table.Data[0..6]);
    }

    [Fact]
    public void A_line_with_the_wrong_dimension_names_file_and_line()
    {
        File.WriteAllText(_path, "the 0.5 -1 2\ncat 1 2\n");
        var embedding = new Embedding("embedding", 3, 3, new Random(1));
        var error = Assert.ThrowsAny<EngineException>(() => embedding.LoadPretrained(_path, Lookup));
        Assert.Contains($"{_path}:2", error.Message);
        Assert.Contains("3 numbers", error.Message);
        File.WriteAllText(_path, "the 0.5 -1 2\ncat 1 2 3 4\n");
        var shifted = Assert.ThrowsAny<EngineException>(() => embedding.LoadPretrained(_path, Lookup));
        Assert.Contains($"{_path}:2", shifted.Message);
    }

    [Fact]
    public void A_bad_number_names_file_line_and_value()
    {
        File.WriteAllText(_path, "the 0.5 x 2\n");
        var embedding = new Embedding("embedding", 3, 3, new Random(1));
        var error = Assert.ThrowsAny<EngineException>(() => embedding.LoadPretrained(_path, Lookup));
        Assert.Contains($"{_path}:1", error.Message);
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var embedding = new Embedding("embedding", 3, 3, new Random(1));
        var error = Assert.ThrowsAny<EngineException>(() => embedding.LoadPretrained(_path + ".missing", Lookup));
        Assert.Contains(".missing", error.Message);
    }

    private int? Lookup(string word)
    {
        return _vocabulary.TryGetValue(word, out var id) ? id : null;
    }
}

using System.Text.RegularExpressions;

namespace HyperSweep.Client.Tests;

/// <summary>
/// Every doc cites only files that exist: relative Markdown links in README.md and docs/*.md, and backticked repository
/// paths (<c>`src/Client/DevSilo.cs`</c>, <c>`examples/quickstart.yaml`</c>) — a renamed or deleted file fails here
/// instead of sending a newcomer nowhere. Globs, placeholders and ../shared (beside the repository) are not checked.
/// </summary>
public sealed partial class DocsReferenceTests
{
    private static readonly string[] RepositoryFolders = ["src/", "tests/", "examples/", "docs/", "bench/", "deploy/", ".ci/"];

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string> { "README.md" };
        foreach (var file in Directory.GetFiles(RepositoryPaths.Of("docs"), "*.md").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_doc_cites_only_files_that_exist(string document)
    {
        var path = RepositoryPaths.Of(document);
        var folder = Path.GetDirectoryName(path)!;
        var text = File.ReadAllText(path);
        var missing = new List<string>();
        foreach (Match link in Link().Matches(text))
        {
            var target = link.Groups["target"].Value.Split('#')[0];
            if (target.Length > 0 && !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal)
                && !Exists(Path.GetFullPath(target, folder)))
            {
                missing.Add($"link ({target})");
            }
        }

        foreach (Match quoted in Backticked().Matches(text))
        {
            var candidate = quoted.Groups["path"].Value.Split(':')[0].TrimEnd('.', ',', ')');
            if (RepositoryFolders.Any(f => candidate.StartsWith(f, StringComparison.Ordinal)) && candidate.IndexOfAny(['*', '<', '{', '$', '|']) < 0
                && !Exists(RepositoryPaths.Of(candidate)))
            {
                missing.Add($"`{candidate}`");
            }
        }

        Assert.True(missing.Count == 0, $"{document} cites what does not exist: {string.Join(", ", missing.Distinct())}");
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`(?<path>[A-Za-z.][A-Za-z0-9_./-]*)`")]
    private static partial Regex Backticked();
}

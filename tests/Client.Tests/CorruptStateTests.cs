using System.Text;
using Microsoft.Data.Sqlite;

namespace HyperSweep.Client.Tests;

/// <summary>
/// A damaged dev-mode state file — its header overwritten, truncated, replaced by random bytes, a page's header zeroed,
/// or bytes flipped inside a stored state — is named in one line with what to do (restore it, or move it aside), exit 2,
/// whatever the command; nothing else is printed, no stack trace, and the state file is not changed.
/// </summary>
public sealed class CorruptStateTests : IAsyncLifetime
{
    private const string SweepName = "corruption-fixture";

    private readonly TempFolder _folder = new("hs-corrupt-");
    private string _sweepId = "";

    private string Original => _folder.Combine("original");

    public async Task InitializeAsync()
    {
        var spec = _folder.Write("spec.yaml", SweepSpecs.Random(trials: 2, epochs: 1, concurrency: 2, name: SweepName));
        var run = await CliRun.InvokeAsync(["run", spec, "--state-dir", Original, "--workload", "synthetic", "--json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        _sweepId = System.Text.Json.JsonDocument.Parse(run.Output).RootElement.GetProperty("sweep_id").GetString()!;
        // Everything into the database file itself, so a copy of that one file is the whole state.
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(Original, "state.db")}"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }

    public static TheoryData<string> Damages => ["header", "truncated", "random", "page", "payload"];

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_state_file_is_named_once_with_what_to_do_and_exit_2(string damage)
    {
        var copy = Damaged(damage);
        var database = Path.Combine(copy, "state.db");
        var before = await File.ReadAllBytesAsync(database);

        foreach (var command in new[] { new[] { "ls" }, ["status", _sweepId], ["trials", _sweepId, "--json"] })
        {
            var run = await CliRun.InvokeAsync([.. command, "--state-dir", copy]);

            Assert.True(run.ExitCode == 2, $"{string.Join(' ', command)} on a {damage} file: exit {run.ExitCode}\n{run.Error}\n{run.Output}");
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"the state file {database} is corrupt", line, StringComparison.Ordinal);
            Assert.Contains("Restore it from a backup", line, StringComparison.Ordinal);
            Assert.Contains($"mv {database} {database}.corrupt", line, StringComparison.Ordinal);
            Assert.Equal("", run.Output);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(database));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A copy of the state directory whose database file has <paramref name="damage"/>.</summary>
    private string Damaged(string damage)
    {
        var copy = _folder.Combine(damage);
        Directory.CreateDirectory(copy);
        var bytes = File.ReadAllBytes(Path.Combine(Original, "state.db"));
        var random = new Random(17);
        switch (damage)
        {
            case "header": // SQLite's 100-byte file header
                random.NextBytes(bytes.AsSpan(0, 100));
                break;
            case "truncated":
                bytes = bytes[..(bytes.Length / 2)];
                break;
            case "random":
                random.NextBytes(bytes);
                break;
            case "page": // the b-tree header of page 2
                bytes.AsSpan(4096, 12).Fill(0xFF);
                break;
            case "payload": // bytes inside the stored states that hold the sweep's name: SQLite's structure stays valid
                var name = Encoding.UTF8.GetBytes(SweepName);
                var flipped = 0;
                for (var at = bytes.AsSpan().IndexOf(name); at >= 0; at = NextIndex(bytes, name, at + 1))
                {
                    bytes[at + 3] ^= 0x20;
                    flipped++;
                }

                Assert.True(flipped > 0, "the sweep's name is not in the state file");
                break;
        }

        File.WriteAllBytes(Path.Combine(copy, "state.db"), bytes);
        return copy;
    }

    private static int NextIndex(byte[] bytes, byte[] value, int from)
    {
        var found = bytes.AsSpan(from).IndexOf(value);
        return found < 0 ? -1 : from + found;
    }
}

using System.IO.Hashing;
using Microsoft.Data.Sqlite;

namespace HyperSweep.Grains.Storage;

/// <summary>
/// The dev-mode state file: opening connections, the one table, and the checks that turn damage into one clear
/// message (<see cref="SqliteFaults.Corrupt"/>) instead of a deserializer's stack trace. Each row carries an XxHash64
/// of its data: SQLite checks its page structure but not the bytes of a blob, so a flipped byte inside a stored state
/// would otherwise be read as a different (or undecodable) state.
/// </summary>
internal sealed class SqliteStateFile
{
    private readonly string _connectionString;
    private readonly Lazy<bool> _schema;

    public SqliteStateFile(string databasePath)
    {
        Path = System.IO.Path.GetFullPath(databasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<bool>(CreateSchema, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }

    /// <summary>The checksum stored beside <paramref name="data"/> (a signed 64-bit column).</summary>
    public static long Hash(byte[] data) => unchecked((long)XxHash64.HashToUInt64(data));

    /// <summary>
    /// Checks an existing state file before a silo uses it with SQLite's <c>quick_check</c> (the page structure: a
    /// truncated file, overwritten pages, a file that is not a database); rows are checked against their checksums as
    /// they are read (<see cref="CheckRow"/>). Throws <see cref="StateStoreException"/> naming the file when
    /// it is damaged; a missing file is fine (a new state directory).
    /// </summary>
    public static void Verify(string databasePath)
    {
        var file = new SqliteStateFile(databasePath);
        if (!File.Exists(file.Path))
        {
            return;
        }

        try
        {
            using var connection = file.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check(1)";
            var verdict = check.ExecuteScalar() as string;
            if (verdict != "ok")
            {
                var first = verdict?.Split('\n', 2)[0].Trim();
                throw new StateStoreException(SqliteFaults.Corrupt(file.Path, $"SQLite quick_check: {first}"));
            }
        }
        catch (Exception exception) when (exception is not StateStoreException && SqliteFaults.Classify(exception, file.Path, 0) is { } fault)
        {
            throw new StateStoreException(fault, exception);
        }
    }

    /// <summary>Throws <see cref="StateStoreException"/> when a row's data does not match its checksum (rows written before checksums have none).</summary>
    public void CheckRow(string grainId, string stateName, byte[] data, long? hash)
    {
        if (hash is { } expected && Hash(data) != expected)
        {
            throw new StateStoreException(SqliteFaults.Corrupt(Path, $"the stored state '{stateName}' of {grainId} does not match its checksum"));
        }
    }

    public SqliteConnection Open()
    {
        _ = _schema.Value;
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        // WAL: readers never block the writer. NORMAL: a commit survives a process crash (the case dev mode
        // must survive: Ctrl-C, kill -9); only an OS crash or power loss may lose the last commits.
        pragma.CommandText = "PRAGMA synchronous = NORMAL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    private bool CreateSchema()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "PRAGMA journal_mode = WAL;" +
            "CREATE TABLE IF NOT EXISTS grain_state (" +
            "  state_name TEXT NOT NULL," +
            "  grain_id TEXT NOT NULL," +
            "  version INTEGER NOT NULL," +
            "  data BLOB NOT NULL," +
            "  hash INTEGER," +
            "  PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;";
        command.ExecuteNonQuery();

        // State files made before rows had checksums: add the column (their rows stay unchecked until rewritten).
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('grain_state') WHERE name = 'hash'";
        if (Convert.ToInt64(columns.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE grain_state ADD COLUMN hash INTEGER";
            alter.ExecuteNonQuery();
        }

        return true;
    }
}

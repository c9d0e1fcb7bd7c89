using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSweep.Grains.Storage;

/// <summary>
/// Durable grain state in one SQLite file (dev mode's embedded store). One row per (state name, grain id)
/// holds the state serialized with Orleans' own serializer (version tolerant through the records' [Id]s)
/// and an integer version used as the ETag. Writes are single statements, so each is atomic; a write whose
/// ETag does not match the stored version fails with <see cref="InconsistentStateException"/>, which is how
/// Orleans detects two activations of one grain writing over each other.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly string _connectionString;
    private readonly Serializer _serializer;
    private readonly Lazy<bool> _schema;

    // SQLite allows one writer at a time; queueing writers here avoids spinning on SQLITE_BUSY inside one process.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteGrainStorage(string databasePath, Serializer serializer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _serializer = serializer;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<bool>(CreateSchema, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string DatabasePath { get; }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, data FROM grain_state WHERE state_name = $name AND grain_id = $id";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }

        var version = reader.GetInt64(0);
        var data = (byte[])reader.GetValue(1);
        grainState.State = _serializer.Deserialize<T>(data);
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = _serializer.SerializeToArray(grainState.State);
        var id = grainId.ToString();
        await _writeGate.WaitAsync();
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$data", data);
            long newVersion;
            if (grainState.ETag is null)
            {
                // First write: succeeds only if nobody else created the row meanwhile.
                command.CommandText =
                    "INSERT INTO grain_state (state_name, grain_id, version, data) VALUES ($name, $id, 1, $data) " +
                    "ON CONFLICT (state_name, grain_id) DO NOTHING";
                newVersion = 1;
            }
            else
            {
                var expected = ParseETag(grainState.ETag);
                command.CommandText =
                    "UPDATE grain_state SET version = version + 1, data = $data " +
                    "WHERE state_name = $name AND grain_id = $id AND version = $version";
                command.Parameters.AddWithValue("$version", expected);
                newVersion = expected + 1;
            }

            if (command.ExecuteNonQuery() != 1)
            {
                throw Inconsistent(connection, stateName, id, grainState.ETag, "write");
            }

            grainState.ETag = newVersion.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var id = grainId.ToString();
        await _writeGate.WaitAsync();
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", id);
            if (grainState.ETag is null)
            {
                command.CommandText = "SELECT COUNT(*) FROM grain_state WHERE state_name = $name AND grain_id = $id";
                if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0)
                {
                    throw Inconsistent(connection, stateName, id, null, "clear");
                }
            }
            else
            {
                command.CommandText = "DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id AND version = $version";
                command.Parameters.AddWithValue("$version", ParseETag(grainState.ETag));
                if (command.ExecuteNonQuery() != 1)
                {
                    throw Inconsistent(connection, stateName, id, grainState.ETag, "clear");
                }
            }

            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection Open()
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
        var directory = Path.GetDirectoryName(DatabasePath);
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
            "  PRIMARY KEY (state_name, grain_id)) WITHOUT ROWID;";
        command.ExecuteNonQuery();
        return true;
    }

    private static long ParseETag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' was not written by SqliteGrainStorage.", "", etag);

    private static InconsistentStateException Inconsistent(SqliteConnection connection, string stateName, string id, string? expected, string operation)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE state_name = $name AND grain_id = $id";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", id);
        var stored = command.ExecuteScalar() is long version ? version.ToString(CultureInfo.InvariantCulture) : "(none)";
        return new InconsistentStateException(
            $"SQLite grain storage: {operation} of state '{stateName}' for {id} expected version {expected ?? "(none)"} but the store holds {stored}; another activation wrote it.",
            stored,
            expected ?? "(none)");
    }
}

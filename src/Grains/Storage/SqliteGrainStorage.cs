using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSweep.Grains.Storage;

/// <summary>
/// Durable grain state in one SQLite file (dev mode's embedded store). One row per (state name, grain id)
/// holds the state serialized with Orleans' own serializer (version tolerant through the records' [Id]s)
/// and an integer version used as the ETag. Concurrent writes are group-committed: one transaction applies a
/// batch, each row still checked against its own ETag; a write whose ETag does not match the stored version
/// fails with <see cref="InconsistentStateException"/> (and only that write), which is how Orleans detects two
/// activations of one grain writing over each other. WAL with synchronous=NORMAL: a commit survives a process
/// crash without an fsync per commit. A full disk or a damaged file is reported once to <see cref="StateStoreHealth"/>
/// as a <see cref="StateStoreFault"/> naming the file (every later write then fails at once with that fault instead of
/// retrying the disk), and a row whose checksum does not match is refused rather than deserialized.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage
{
    private readonly SqliteStateFile _file;
    private readonly Serializer _serializer;
    private readonly StateStoreHealth _health;

    // SQLite allows one writer at a time: writes queue here and one committer applies each queued batch in one
    // transaction (group commit, see Enqueue), so this process never spins on SQLITE_BUSY.
    private readonly List<PendingWrite> _queue = [];
    private bool _committing;

    public SqliteGrainStorage(string databasePath, Serializer serializer, StateStoreHealth? health = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        _file = new SqliteStateFile(databasePath);
        _serializer = serializer;
        _health = health ?? new StateStoreHealth();
    }

    public string DatabasePath => _file.Path;

    /// <summary>
    /// Checks the state file at <paramref name="databasePath"/> before a silo starts on it; throws
    /// <see cref="StateStoreException"/> naming it when it is damaged (or its disk is too full to open it).
    /// </summary>
    public static void Verify(string databasePath) => SqliteStateFile.Verify(databasePath);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        try
        {
            using var connection = _file.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT version, data, hash FROM grain_state WHERE state_name = $name AND grain_id = $id";
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
            _file.CheckRow(grainId.ToString(), stateName, data, reader.IsDBNull(2) ? null : reader.GetInt64(2));
            grainState.State = _serializer.Deserialize<T>(data);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }
        catch (Exception exception) when (Fault(exception, 0) is { } fault)
        {
            throw new StateStoreException(fault, exception);
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_health.Fault is { } fault)
        {
            // The disk is full or the file damaged: the write cannot succeed, and the host is stopping with the message.
            return Task.FromException(new StateStoreException(fault));
        }

        var data = _serializer.SerializeToArray(grainState.State);
        var write = new PendingWrite(stateName, grainId.ToString(), data, grainState.ETag, Expected(grainState.ETag), Clear: false);
        return Enqueue(write, () =>
        {
            grainState.ETag = write.NewVersion.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        });
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var clear = new PendingWrite(stateName, grainId.ToString(), null, grainState.ETag, Expected(grainState.ETag), Clear: true);
        return Enqueue(clear, () =>
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        });
    }

    /// <summary>
    /// Group commit: a write joins the queue; if no commit is running, this caller starts one on the thread pool
    /// (never on the grain's scheduler, which the SQLite I/O would block). A commit takes everything queued and
    /// applies it in ONE transaction, each row with its own version check, so N concurrent writers pay one
    /// commit instead of N. A caller's task completes only after the transaction holding its write committed
    /// (or fails with its own <see cref="InconsistentStateException"/>, which does not fail the others).
    /// </summary>
    private async Task Enqueue(PendingWrite write, Action applied)
    {
        bool startCommitter;
        lock (_queue)
        {
            _queue.Add(write);
            startCommitter = !_committing;
            _committing = true;
        }

        if (startCommitter)
        {
            _ = Task.Run(CommitQueued);
        }

        await write.Done.Task;
        applied();
    }

    private void CommitQueued()
    {
        while (true)
        {
            List<PendingWrite> batch;
            lock (_queue)
            {
                if (_queue.Count == 0)
                {
                    _committing = false;
                    return;
                }

                batch = [.. _queue];
                _queue.Clear();
            }

            Commit(batch);
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        var failures = new Exception?[batch.Count];
        try
        {
            using var connection = _file.Open();
            using var transaction = connection.BeginTransaction();
            using var insert = Command(connection, transaction,
                "INSERT INTO grain_state (state_name, grain_id, version, data, hash) VALUES ($name, $id, 1, $data, $hash) " +
                "ON CONFLICT (state_name, grain_id) DO NOTHING");
            using var update = Command(connection, transaction,
                "UPDATE grain_state SET version = version + 1, data = $data, hash = $hash " +
                "WHERE state_name = $name AND grain_id = $id AND version = $version");
            using var delete = Command(connection, transaction,
                "DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id AND version = $version");
            using var exists = Command(connection, transaction,
                "SELECT COUNT(*) FROM grain_state WHERE state_name = $name AND grain_id = $id");
            for (var i = 0; i < batch.Count; i++)
            {
                var write = batch[i];
                var expected = write.ExpectedVersion;
                var command = write.Clear ? (expected is null ? exists : delete) : expected is null ? insert : update;
                command.Parameters["$name"].Value = write.StateName;
                command.Parameters["$id"].Value = write.GrainId;
                command.Parameters["$data"].Value = (object?)write.Data ?? DBNull.Value;
                command.Parameters["$hash"].Value = write.Data is null ? DBNull.Value : SqliteStateFile.Hash(write.Data);
                command.Parameters["$version"].Value = (object?)expected ?? DBNull.Value;
                var ok = command == exists
                    ? Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0
                    : command.ExecuteNonQuery() == 1;
                if (ok)
                {
                    write.NewVersion = (expected ?? 0) + 1;
                }
                else
                {
                    failures[i] = Inconsistent(connection, transaction, write.StateName, write.GrainId, write.ETag, write.Clear ? "clear" : "write");
                }
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            // The transaction did not commit: nothing of this batch is stored, every writer learns why (a full disk or a
            // damaged file as the one fault the host reports, not as SQLite's error).
            var failure = Fault(exception, batch.Sum(w => (long)(w.Data?.Length ?? 0))) is { } fault ? new StateStoreException(fault, exception) : exception;
            foreach (var write in batch)
            {
                write.Done.TrySetException(failure);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
            {
                batch[i].Done.TrySetException(failure);
            }
            else
            {
                batch[i].Done.TrySetResult();
            }
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string text)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var name in (string[])["$name", "$id", "$data", "$version", "$hash"])
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }

    /// <summary>The store fault <paramref name="exception"/> means, reported to the silo's health (the first one is kept), or null.</summary>
    private StateStoreFault? Fault(Exception exception, long pendingBytes) =>
        SqliteFaults.Classify(exception, DatabasePath, pendingBytes) is { } fault ? _health.Report(fault) : null;

    private static long? Expected(string? etag) => etag is null ? null : ParseETag(etag);

    private static long ParseETag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' was not written by SqliteGrainStorage.", "", etag);

    private static InconsistentStateException Inconsistent(SqliteConnection connection, SqliteTransaction transaction, string stateName, string id, string? expected, string operation)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
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

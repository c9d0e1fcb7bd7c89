using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HyperSweep.Grains.Storage;

/// <summary>
/// Turns SQLite's and the file system's errors about the dev-mode state file into <see cref="StateStoreFault"/>s whose
/// one-line message names the file and what to do: SQLITE_FULL (or ENOSPC) means the disk is full, SQLITE_CORRUPT and
/// SQLITE_NOTADB mean the file is damaged. Anything else is not a store fault (a conflict, a bug) and is left alone.
/// </summary>
public static class SqliteFaults
{
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteNotADatabase = 26;
    private const int NoSpaceErrno = 28;

    /// <summary>The write-ahead log grows to about 1,000 pages (4 MiB) before SQLite copies it into the database file.</summary>
    private const long WalHeadroom = 4L << 20;

    /// <summary>The fault <paramref name="exception"/> means for the state file at <paramref name="databasePath"/>, or null.</summary>
    public static StateStoreFault? Classify(Exception exception, string databasePath, long pendingBytes)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case StateStoreException store:
                    return store.Fault;
                case SqliteException { SqliteErrorCode: SqliteFull }:
                    return Full(databasePath, pendingBytes, "SQLite: database or disk is full");
                case SqliteException { SqliteErrorCode: SqliteCorrupt or SqliteNotADatabase } sqlite:
                    return Corrupt(databasePath, FirstLine(sqlite.Message));
                case IOException io when io.HResult == NoSpaceErrno || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase):
                    return Full(databasePath, pendingBytes, FirstLine(io.Message));
            }
        }

        return null;
    }

    /// <summary>A full disk under the state file: how much is free, and at least how much more a retry needs.</summary>
    public static StateStoreFault Full(string databasePath, long pendingBytes, string cause)
    {
        var directory = Path.GetDirectoryName(databasePath) ?? databasePath;
        var free = FreeBytes(directory);
        // The failed write again, the copy SQLite makes of it at its next checkpoint, and the log's headroom.
        var needed = Math.Max(8L << 20, (2 * pendingBytes) + WalHeadroom);
        var message = $"the state directory {directory} is out of disk space ({(free is { } f ? Size(f) : "?")} free; a write of {Size(pendingBytes)} failed: {cause}). "
            + $"Nothing unstored was reported and nothing stored is lost. Free at least {Size(needed)} on that disk, then continue the sweep.";
        return new StateStoreFault(StateStoreFaultKind.Full, databasePath, message);
    }

    /// <summary>A damaged state file: what SQLite (or the checksum) found, and the two ways out.</summary>
    public static StateStoreFault Corrupt(string databasePath, string detail) =>
        new(StateStoreFaultKind.Corrupt, databasePath,
            $"the state file {databasePath} is corrupt ({detail}). Restore it from a backup (with its -wal file if there is one), "
            + $"or move it aside to start this state directory afresh (its sweeps are then gone): mv {databasePath} {databasePath}.corrupt");

    /// <summary>"12.3 MB"-style size for messages.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1L << 10 => $"{bytes} B",
        < 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        < 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GB"),
    };

    private static long? FreeBytes(string directory)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}

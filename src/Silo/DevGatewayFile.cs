using System.Globalization;

namespace HyperSweep.Silo;

/// <summary>
/// The <c>gateway</c> file a running dev silo (hypersweep-silo, hypersweep serve or run) writes into its state
/// directory (its loopback gateway port), so other CLI processes on the same state directory connect to it instead
/// of starting a second silo.
/// </summary>
public static class DevGatewayFile
{
    public const string FileName = "gateway";

    private const string LockFileName = "silo.lock";

    public static void Write(string stateDir, int port)
    {
        Directory.CreateDirectory(stateDir);
        var path = Path.Combine(stateDir, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, port.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, path, overwrite: true);
    }

    public static void Delete(string stateDir) => File.Delete(Path.Combine(stateDir, FileName));

    public static int? Read(string stateDir)
    {
        var path = Path.Combine(stateDir, FileName);
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
                ? port
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>True when a silo process holds the state directory's lock file (the lock is exclusive, so opening it fails).</summary>
    public static bool IsDirectoryLocked(string stateDir)
    {
        var path = Path.Combine(stateDir, LockFileName);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}

using System.Runtime.InteropServices;
using System.Text.Json;
using HyperSweep.Contracts;
using HyperSweep.Grains.Planning;

namespace HyperSweep.Silo;

/// <summary>
/// Confines the data files a spec names to the silo's data root (<c>HyperSweep:DataRoot</c>): after the inner
/// factory has parsed the spec, every path in <c>task.data</c> (train, dev, test, path, pretrained) is resolved the
/// way the Engine will resolve it (relative to the plan's base directory), symlinks included, and a path that lands
/// outside the root rejects the spec at validation — before anything is written or trained.
/// </summary>
public sealed class DataRootSweepPlanFactory(ISweepPlanFactory inner, string dataRoot) : ISweepPlanFactory
{
    private static readonly string[] PathFields = ["train", "dev", "test", "path", "pretrained"];

    private readonly string _root = RealPath(Path.GetFullPath(dataRoot));

    public ISweepPlan Create(string specText, string sourceName)
    {
        var plan = inner.Create(specText, sourceName);
        using var task = JsonDocument.Parse(plan.TaskJson);
        if (!task.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            return plan;
        }

        var errors = new List<SpecError>();
        foreach (var field in PathFields)
        {
            if (data.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } path)
            {
                var resolved = RealPath(Path.GetFullPath(path, plan.BaseDirectory));
                if (!IsUnder(resolved, _root))
                {
                    errors.Add(new SpecError(sourceName, 0, 0, $"task.data.{field}",
                        $"'{path}' resolves to {resolved}, outside this cluster's data root {_root}; put the file under the data root"));
                }
            }
        }

        return errors.Count == 0 ? plan : throw new SweepSpecException(errors);
    }

    private static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>The path with every symlink resolved; for a path that does not exist, its nearest existing ancestor resolved plus the rest.</summary>
    internal static string RealPath(string fullPath)
    {
        var missing = new Stack<string>();
        var current = fullPath;
        while (true)
        {
            var resolved = Resolve(current);
            if (resolved is not null)
            {
                return missing.Aggregate(resolved, Path.Combine);
            }

            var parent = Path.GetDirectoryName(current);
            if (parent is null)
            {
                return fullPath;
            }

            missing.Push(Path.GetFileName(current));
            current = parent;
        }
    }

    private static string? Resolve(string path)
    {
        var pointer = NativeRealPath(path, IntPtr.Zero);
        if (pointer == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            Free(pointer);
        }
    }

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}

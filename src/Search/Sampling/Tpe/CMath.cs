using System.Reflection;
using System.Runtime.InteropServices;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// erf, erfc and log1p from the platform's C math library. Why not managed code: .NET has no erf, and its
/// <c>double.LogP1</c> is <c>Log(1 + x)</c>, which loses every digit for tiny x. Optuna's densities are built on the
/// C library's erf (FreeBSD/Sun <c>s_erf.c</c>, which glibc ships) and numpy's log1p (the C library's), so calling
/// the same functions reproduces its log-densities to the last bit on Linux, where the service runs. Other
/// platforms' libraries agree to about one ulp, far inside the parity tolerance.
/// </summary>
internal static class CMath
{
    private const string Library = "hypersweep-libm";

    static CMath()
    {
        NativeLibrary.SetDllImportResolver(typeof(CMath).Assembly, Resolve);
    }

    [DllImport(Library, EntryPoint = "erf", ExactSpelling = true), SuppressGCTransition]
    public static extern double Erf(double x);

    [DllImport(Library, EntryPoint = "erfc", ExactSpelling = true), SuppressGCTransition]
    public static extern double Erfc(double x);

    [DllImport(Library, EntryPoint = "log1p", ExactSpelling = true), SuppressGCTransition]
    public static extern double Log1P(double x);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return IntPtr.Zero;
        }
        string[] candidates = OperatingSystem.IsWindows() ? ["ucrtbase.dll", "msvcrt.dll"]
            : OperatingSystem.IsMacOS() ? ["/usr/lib/libSystem.B.dylib", "libSystem.dylib"]
            : ["libm.so.6", "libm.so", "libm.so.5"];
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }
        throw new DllNotFoundException($"no C math library found (tried {string.Join(", ", candidates)})");
    }
}

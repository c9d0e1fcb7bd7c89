using System.Security.Cryptography;
using System.Text;

namespace HyperSweep.Dashboard.Security;

/// <summary>The control token: generated with a CSPRNG, compared in constant time.</summary>
public static class DashboardToken
{
    /// <summary>Environment variable a host reads a configured token from (never the command line: it would show in ps).</summary>
    public const string EnvironmentVariable = "HYPERSWEEP_DASHBOARD_TOKEN";

    /// <summary>256 random bits, base64url (43 characters, safe in headers, cookies and URLs).</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// True when <paramref name="presented"/> is the token. Both are hashed first, so the comparison takes the same time
    /// whatever the lengths and wherever the first difference is.
    /// </summary>
    public static bool Matches(string? expected, string? presented)
    {
        if (string.IsNullOrEmpty(expected) || presented is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
    }
}

using System.Runtime.CompilerServices;

namespace HyperSweep.TestSupport;

/// <summary>
/// A fact that reads a large data set (<see cref="DataSets"/>): skipped with the reason when it is absent, unless
/// HYPERSWEEP_REQUIRE_DATA=1, where it runs (and fails naming the missing data set). The reason is also put in the
/// skipped test's name, because dotnet test's default console output lists skipped tests by name only.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DataFactAttribute : FactAttribute
{
    public DataFactAttribute(string dataSet, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        if (DataSets.SkipReason(dataSet) is { } reason)
        {
            Skip = reason;
            DisplayName = DataSets.SkippedName(file, test, reason);
        }
    }
}

using System.Runtime.CompilerServices;

namespace HyperSweep.TestSupport;

/// <summary>The theory form of <see cref="DataFactAttribute"/>: skipped as a whole, with the reason, when the data set is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DataTheoryAttribute : TheoryAttribute
{
    public DataTheoryAttribute(string dataSet, [CallerFilePath] string file = "", [CallerMemberName] string test = "")
    {
        if (DataSets.SkipReason(dataSet) is { } reason)
        {
            Skip = reason;
            DisplayName = DataSets.SkippedName(file, test, reason);
        }
    }
}

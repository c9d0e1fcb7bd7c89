namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// Which terms a log-sum-exp over n components may leave out: those more than 40 + ln n below the largest. Together
/// they add less than n·e^-(40 + ln n) = e^-40 ≈ 4e-18 to a sum that holds the largest term's exp(0) = 1, which is
/// below that sum's last bit (1.1e-16): leaving them out changes the result by less than its own rounding.
/// </summary>
internal static class NegligibleTerms
{
    public static double LogRatio(int count) => -(40 + Math.Log(Math.Max(count, 1)));
}

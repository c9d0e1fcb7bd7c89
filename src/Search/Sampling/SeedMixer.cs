namespace HyperSweep.Search.Sampling;

/// <summary>
/// SplitMix64 mixing of a sweep seed with further keys (trial index, parameter name): independent,
/// reproducible streams without any shared generator state.
/// </summary>
public static class SeedMixer
{
    public static ulong Mix(long seed, long index)
    {
        var state = SplitMix(unchecked((ulong)seed) ^ 0x9E3779B97F4A7C15UL);
        return SplitMix(state ^ unchecked((ulong)index));
    }

    public static ulong Mix(ulong state, string key)
    {
        foreach (var c in key)
        {
            state = SplitMix(state ^ c);
        }
        return state;
    }

    /// <summary>Folds 64 mixed bits into a 32-bit generator seed.</summary>
    public static int ToInt32(ulong state) => unchecked((int)(state ^ (state >> 32)));

    private static ulong SplitMix(ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
            x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
            return x ^ (x >> 31);
        }
    }
}

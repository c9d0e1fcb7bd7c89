using MathNet.Numerics.Random;

namespace HyperSweep.Engine.Data;

/// <summary>
/// Derives independent random streams from (seed, purpose, index). Deriving the data order of epoch k
/// from (seed, k) instead of advancing one generator means a run resumed at epoch k needs no saved
/// generator state to shuffle exactly as the uninterrupted run did.
/// </summary>
public static class SeedMixer
{
    /// <summary>A well-mixed 32-bit seed from a base seed and any number of integers (SplitMix64 finaliser).</summary>
    public static int Mix(int seed, params ReadOnlySpan<int> values)
    {
        var state = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        foreach (var value in values)
        {
            state = Finalise(state ^ unchecked((ulong)(uint)value + 0x9E3779B97F4A7C15UL));
        }

        state = Finalise(state);
        return unchecked((int)(state ^ (state >> 32)));
    }

    /// <summary>A MathNet Mersenne Twister seeded by <see cref="Mix"/>.</summary>
    public static System.Random Generator(int seed, params ReadOnlySpan<int> values) =>
        new MersenneTwister(Mix(seed, values), threadSafe: false);

    private static ulong Finalise(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

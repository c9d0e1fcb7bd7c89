using HyperSweep.Contracts;

namespace HyperSweep.Grains.Planning;

/// <summary>A sweep spec failed validation; <see cref="Errors"/> locates each problem in the source.</summary>
public sealed class SweepSpecException : Exception
{
    public SweepSpecException(IReadOnlyList<SpecError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<SpecError> Errors { get; }
}

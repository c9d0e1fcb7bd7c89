namespace HyperSweep.Search.Spec;

/// <summary>
/// <c>analysis: {gradient_norms: true}</c>: recurrent trials measure ‖∂L/∂h_t‖ per layer and time step once per epoch
/// (one extra forward and backward pass on one dev batch), for <c>hypersweep analyze gradients</c> and telemetry.
/// </summary>
public sealed record AnalysisSpec(bool GradientNorms)
{
    public static AnalysisSpec Off { get; } = new(false);
}

namespace HyperSweep.Contracts;

/// <summary>
/// ‖∂L/∂h_t‖ after one epoch of a recurrent trial (<c>analysis: {gradient_norms: true}</c>): <see cref="Layers"/>[l][k] is
/// the mean norm in layer l at k time steps before the loss position (the Engine's GradientProfile).
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.GradientRecord")]
public sealed record GradientRecord(
    [property: Id(0)] int Epoch,
    [property: Id(1)] string Cell,
    [property: Id(2)] double[][] Layers);

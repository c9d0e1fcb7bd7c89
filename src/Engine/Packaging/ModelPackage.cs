namespace HyperSweep.Engine.Packaging;

/// <summary>A saved model: its description and its weights in model order (the <c>.hsm</c> file, <see cref="ModelPackageFormat"/>).</summary>
public sealed record ModelPackage(ModelPackageInfo Info, IReadOnlyList<NamedWeights> Weights);

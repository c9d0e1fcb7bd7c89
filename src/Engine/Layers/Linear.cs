namespace HyperSweep.Engine.Layers;

/// <summary>y = x·W + b with W of shape [in, out] (rows are activations, as ORACLE.md); x is [N, in] or [B, T, in].</summary>
public sealed class Linear : Module
{
    public Linear(string weightName, string? biasName, int inputSize, int outputSize, Random random)
    {
        if (inputSize <= 0 || outputSize <= 0)
        {
            throw new EngineException($"linear {weightName}: sizes must be positive, got {inputSize} → {outputSize}.");
        }

        InputSize = inputSize;
        OutputSize = outputSize;
        Weight = AddParameter(new Parameter(weightName, Initializer.UniformFanIn(random, inputSize, inputSize * outputSize), inputSize, outputSize));
        Bias = biasName is null ? null : AddParameter(new Parameter(biasName, Initializer.UniformFanIn(random, inputSize, outputSize), outputSize));
    }

    public int InputSize { get; }

    public int OutputSize { get; }

    public Parameter Weight { get; }

    public Parameter? Bias { get; }

    public Tensor Forward(Tensor x)
    {
        if (x.Rank == 3)
        {
            var (b, t) = (x.Dim(0), x.Dim(1));
            return Forward(x.Reshape(b * t, x.Dim(2))).Reshape(b, t, OutputSize);
        }

        return Bias is null ? x.MatMul(Weight) : Tensor.Linear(x, Weight, Bias);
    }
}

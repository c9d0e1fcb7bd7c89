namespace HyperSweep.Engine.Analysis;

/// <summary>
/// Where <see cref="Ops.GradientTapOp"/> writes what it sees during one probe's backward pass: the norm of ∂L/∂h_t per
/// layer, time step and example. Set on an <see cref="Layers.Rnn"/> only for the probe's forward pass.
/// </summary>
public sealed class GradientTap
{
    private readonly double[,,] _norms;

    public GradientTap(int layers, int steps, int batch)
    {
        _norms = new double[layers, steps, batch];
        Layers = layers;
        Steps = steps;
        Batch = batch;
    }

    public int Layers { get; }

    public int Steps { get; }

    public int Batch { get; }

    /// <summary>‖∂L/∂h_t‖ of example <paramref name="example"/> at step <paramref name="step"/> of layer <paramref name="layer"/>.</summary>
    public double Norm(int layer, int step, int example) => _norms[layer, step, example];

    internal void Record(int layer, int step, int example, double norm) => _norms[layer, step, example] = norm;
}

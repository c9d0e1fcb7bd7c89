using HyperSweep.Engine;
using HyperSweep.Engine.Optimizers;

namespace HyperSweep.Engine.Tests.Optimizers;

/// <summary>Each rule against the formula written out in double here (ORACLE.md / PyTorch 1.13).</summary>
public sealed class OptimizerTests
{
    private static readonly float[] Start = [0.5f, -1.5f, 2f];
    private static readonly float[] Gradient = [0.3f, -0.2f, 1.1f];

    private static Parameter Fresh(out Parameter[] list)
    {
        var p = new Parameter("w", (float[])Start.Clone(), 3);
        list = [p];
        return p;
    }

    private static void SetGradient(Parameter p)
    {
        Gradient.CopyTo(p.Grad!, 0);
    }

    [Fact]
    public void Sgd_with_momentum_and_weight_decay()
    {
        var p = Fresh(out var list);
        var sgd = new Sgd(list, 0.1f, momentum: 0.9f, weightDecay: 0.01f);
        var expected = Start.Select(v => (double)v).ToArray();
        var buffer = new double[3];
        for (var step = 1; step <= 3; step++)
        {
            SetGradient(p);
            sgd.Step();
            for (var i = 0; i < 3; i++)
            {
                var g = Gradient[i] + (0.01 * expected[i]);
                buffer[i] = step == 1 ? g : (0.9 * buffer[i]) + g;
                expected[i] -= 0.1 * buffer[i];
            }
        }

        AssertClose(expected, p.Data);
    }

    [Fact]
    public void Adam_with_bias_correction_and_eps_after_the_root()
    {
        var p = Fresh(out var list);
        var adam = new Adam(list, 0.01f, 0.9f, 0.999f, 1e-8f, weightDecay: 0.1f);
        var expected = Start.Select(v => (double)v).ToArray();
        var m = new double[3];
        var v = new double[3];
        for (var step = 1; step <= 4; step++)
        {
            SetGradient(p);
            adam.Step();
            for (var i = 0; i < 3; i++)
            {
                var g = Gradient[i] + (0.1 * expected[i]);
                m[i] = (0.9 * m[i]) + (0.1 * g);
                v[i] = (0.999 * v[i]) + (0.001 * g * g);
                var mHat = m[i] / (1 - Math.Pow(0.9, step));
                var vHat = v[i] / (1 - Math.Pow(0.999, step));
                expected[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }

        AssertClose(expected, p.Data);
    }

    [Fact]
    public void Adagrad_accumulates_squared_gradients()
    {
        var p = Fresh(out var list);
        var adagrad = new Adagrad(list, 0.5f);
        var expected = Start.Select(v => (double)v).ToArray();
        var sum = new double[3];
        for (var step = 1; step <= 3; step++)
        {
            SetGradient(p);
            adagrad.Step();
            for (var i = 0; i < 3; i++)
            {
                sum[i] += Gradient[i] * (double)Gradient[i];
                expected[i] -= 0.5 * Gradient[i] / (Math.Sqrt(sum[i]) + 1e-10);
            }
        }

        AssertClose(expected, p.Data);
    }

    [Fact]
    public void Clipping_scales_by_the_global_norm_before_weight_decay()
    {
        var a = new Parameter("a", [1f, 1f], 2);
        var b = new Parameter("b", [2f], 1);
        a.Grad![0] = 3f;
        a.Grad[1] = 0f;
        b.Grad![0] = 4f;   // global norm 5
        var sgd = new Sgd([a, b], 1f, weightDecay: 0.5f, clipNorm: 1f);
        sgd.Step();
        Assert.Equal(5.0, sgd.LastGradientNorm, 1e-6);
        var coefficient = 1.0 / (5 + 1e-6);
        Assert.Equal(1 - ((3 * coefficient) + 0.5), a.Data[0], 1e-6);
        Assert.Equal(1 - 0.5, a.Data[1], 1e-6);
        Assert.Equal(2 - ((4 * coefficient) + 1.0), b.Data[0], 1e-6);
    }

    [Fact]
    public void Bad_settings_are_rejected_by_name()
    {
        Fresh(out var list);
        Assert.Contains("lr", Assert.ThrowsAny<EngineException>(() => new Sgd(list, 0f)).Message);
        Assert.Contains("momentum", Assert.ThrowsAny<EngineException>(() => new Sgd(list, 0.1f, momentum: 1f)).Message);
        Assert.Contains("weight_decay", Assert.ThrowsAny<EngineException>(() => new Adam(list, weightDecay: -1f)).Message);
        Assert.Contains("clip", Assert.ThrowsAny<EngineException>(() => new Adagrad(list, clipNorm: 0f)).Message);
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5);
        }
    }
}

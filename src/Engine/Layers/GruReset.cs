namespace HyperSweep.Engine.Layers;

/// <summary>
/// Where a GRU applies its reset gate: After = r ⊙ (h·W_h,n + b_h,n) (PyTorch, cuDNN); Before = (r ⊙ h)·W_h,n + b_h,n (Cho et al. 2014).
/// </summary>
public enum GruReset
{
    After,
    Before,
}

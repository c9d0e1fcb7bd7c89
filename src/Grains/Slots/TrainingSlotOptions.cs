namespace HyperSweep.Grains.Slots;

/// <summary>How many trials one silo trains at once (default: its processor count).</summary>
public sealed class TrainingSlotOptions
{
    public int Slots { get; set; } = Environment.ProcessorCount;
}

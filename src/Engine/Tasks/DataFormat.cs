namespace HyperSweep.Engine.Tasks;

/// <summary>
/// File formats of <c>source: files</c>: <c>tsv</c> = SST-2 <c>sentence&lt;TAB&gt;label</c> with header;
/// <c>sst5</c> = LING 574 line-aligned <c>X-reviews.txt</c>/<c>X-labels.txt</c>; <c>lines</c> = LM text, one sentence a line (PTB).
/// </summary>
public enum DataFormat
{
    Tsv,
    Sst5,
    Lines,
}

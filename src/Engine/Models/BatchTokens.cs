namespace HyperSweep.Engine.Models;

/// <summary>Helpers the models share for turning a batch into embedding lookups.</summary>
internal static class BatchTokens
{
    /// <summary>Token ids with every masked-out position replaced by −1, so padding ids are never looked up.</summary>
    public static int[] WithPaddingRemoved(ModelBatch batch)
    {
        var ids = (int[])batch.Tokens.Clone();
        for (var i = 0; i < ids.Length; i++)
        {
            if (batch.Mask[i] == 0f)
            {
                ids[i] = -1;
            }
        }

        return ids;
    }
}

using System.Text;

namespace HyperSweep.Engine.Data;

/// <summary>Reading data files with the file-level errors every reader needs.</summary>
internal static class DataFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// All lines of a UTF-8 file (a leading byte-order mark is skipped; \n and \r\n end lines). A missing file fails
    /// with its full path, and bytes that are not UTF-8 fail at their line — decoding them with replacement characters
    /// would silently turn words into different tokens.
    /// </summary>
    public static string[] ReadAllLines(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new EngineException($"{path}: file not found (full path {Path.GetFullPath(path)})");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EngineException($"{path}: cannot be read: {e.Message}", e);
        }

        var lines = new List<string>();
        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        while (start < bytes.Length)
        {
            var length = bytes.AsSpan(start).IndexOf((byte)'\n');
            var end = length < 0 ? bytes.Length : start + length;
            var lineEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            try
            {
                lines.Add(StrictUtf8.GetString(bytes, start, lineEnd - start));
            }
            catch (DecoderFallbackException)
            {
                throw DataErrors.AtLine(path, lines.Count + 1, "is not UTF-8 text (save the file as UTF-8)");
            }

            start = end + 1;
        }

        return [.. lines];
    }
}

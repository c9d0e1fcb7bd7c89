using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// The <c>.hsm</c> model file (docs/MODELS.md), little-endian:
/// <code>
/// "HSWMODEL" (8 bytes) · int32 format version (1)
/// int32 n · n bytes of UTF-8 JSON: the description (ModelPackageJson)
/// int32 count · count × (int32 n · n bytes UTF-8 name · int32 size · size × float32)   weights in model order
/// "END." (4 bytes)
/// 16 bytes: XxHash128 of every byte before it
/// </code>
/// The checksum is checked before anything is parsed, so a corrupted or truncated file is refused with a message that
/// says so, never loaded into a model that would silently predict something else.
/// </summary>
public static class ModelPackageFormat
{
    public const int Version = 1;
    private const int ChecksumLength = 16;
    private static readonly byte[] Magic = "HSWMODEL"u8.ToArray();
    private static readonly byte[] EndMarker = "END."u8.ToArray();

    public static byte[] Write(ModelPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            WriteBytes(writer, ModelPackageJson.Write(package.Info, package.Weights));
            writer.Write(package.Weights.Count);
            foreach (var weights in package.Weights)
            {
                WriteBytes(writer, Encoding.UTF8.GetBytes(weights.Name));
                writer.Write(weights.Values.Length);
                writer.Write(MemoryMarshal.AsBytes(weights.Values.AsSpan()));
            }

            writer.Write(EndMarker);
        }

        var checksum = XxHash128.Hash(memory.GetBuffer().AsSpan(0, (int)memory.Length));
        memory.Write(checksum);
        return memory.ToArray();
    }

    /// <summary>Reads a model file's bytes; throws <see cref="EngineException"/> saying what is wrong with them.</summary>
    /// <param name="source">Names the file in messages.</param>
    public static ModelPackage Read(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic))
        {
            throw new EngineException($"{source}: not a HyperSweep model file (it does not start with HSWMODEL)");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes[Magic.Length..]);
        if (version != Version)
        {
            throw new EngineException($"{source}: model format version {version}; this build reads version {Version}");
        }

        if (bytes.Length < Magic.Length + 4 + EndMarker.Length + ChecksumLength)
        {
            throw new EngineException($"{source}: the model file is truncated");
        }

        var body = bytes[..^ChecksumLength];
        if (!XxHash128.Hash(body).AsSpan().SequenceEqual(bytes[^ChecksumLength..]))
        {
            throw new EngineException($"{source}: the model file is corrupt (its checksum does not match its contents); refusing to load it");
        }

        try
        {
            var reader = new SpanReader(body[(Magic.Length + 4)..]);
            var (info, shapes) = ModelPackageJson.Read(reader.Bytes(), source);
            var count = reader.Count("weights");
            var weights = new NamedWeights[count];
            for (var i = 0; i < count; i++)
            {
                var name = Encoding.UTF8.GetString(reader.Bytes());
                var values = new float[reader.Count("values")];
                reader.Take(values.Length * sizeof(float)).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
                weights[i] = new NamedWeights(name, values);
            }

            if (!reader.Take(EndMarker.Length).SequenceEqual(EndMarker) || !reader.AtEnd)
            {
                throw new EngineException($"{source}: the model file's layout is broken (no end marker where expected)");
            }

            ModelPackageJson.CheckWeights(shapes, weights, source);
            return new ModelPackage(info, weights);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new EngineException($"{source}: the model file's layout is broken (a length points past its end)");
        }
    }

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    /// <summary>Reads length-prefixed pieces off a span; a length past the end throws ArgumentOutOfRangeException.</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> bytes)
    {
        private ReadOnlySpan<byte> _rest = bytes;

        public readonly bool AtEnd => _rest.IsEmpty;

        public ReadOnlySpan<byte> Take(int length)
        {
            var taken = _rest.Slice(0, length);
            _rest = _rest[length..];
            return taken;
        }

        public int Count(string what)
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
            return count is >= 0 and <= 1 << 30 ? count : throw new ArgumentOutOfRangeException(what);
        }

        public ReadOnlySpan<byte> Bytes() => Take(Count("bytes"));
    }
}

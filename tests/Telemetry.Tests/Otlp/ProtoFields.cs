using Google.Protobuf;

namespace HyperSweep.Telemetry.Tests.Otlp;

/// <summary>
/// One protobuf message read field by field with Google.Protobuf's <see cref="CodedInputStream"/>: the fields
/// by number, each as the raw value of its wire type (varint, fixed64, fixed32, or the bytes of a
/// length-delimited field, which may be a nested message). The OTLP decoder interprets them by the field
/// numbers of the OTLP specification (opentelemetry-proto, v1 messages).
/// </summary>
internal sealed class ProtoFields
{
    private readonly List<(int Number, object Value)> _fields = [];

    public static ProtoFields Parse(ReadOnlySpan<byte> bytes)
    {
        var message = new ProtoFields();
        var input = new CodedInputStream(bytes.ToArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            object value = WireFormat.GetTagWireType(tag) switch
            {
                WireFormat.WireType.Varint => input.ReadUInt64(),
                WireFormat.WireType.Fixed64 => input.ReadFixed64(),
                WireFormat.WireType.Fixed32 => input.ReadFixed32(),
                WireFormat.WireType.LengthDelimited => input.ReadBytes(),
                var other => throw new InvalidDataException($"unexpected wire type {other} for field {number}"),
            };
            message._fields.Add((number, value));
        }

        return message;
    }

    public IEnumerable<ProtoFields> Messages(int number) =>
        _fields.Where(f => f.Number == number).Select(f => Parse(((ByteString)f.Value).Span));

    public ProtoFields? Message(int number) => Messages(number).FirstOrDefault();

    public string? String(int number) => _fields.Where(f => f.Number == number).Select(f => ((ByteString)f.Value).ToStringUtf8()).FirstOrDefault();

    public string Hex(int number) => _fields.Where(f => f.Number == number).Select(f => Convert.ToHexStringLower(((ByteString)f.Value).Span)).FirstOrDefault() ?? "";

    public ulong? Varint(int number) => _fields.Where(f => f.Number == number && f.Value is ulong).Select(f => (ulong?)f.Value).FirstOrDefault();

    public ulong? Fixed64(int number) => Varint(number);

    public bool Has(int number) => _fields.Any(f => f.Number == number);
}

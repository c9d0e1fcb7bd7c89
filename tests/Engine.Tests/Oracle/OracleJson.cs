using System.Text.Json;

namespace HyperSweep.Engine.Tests.Oracle;

/// <summary>Reads ORACLE.md's JSON forms: tensors as {"shape","data"} or nested arrays; integer arrays likewise.</summary>
internal static class OracleJson
{
    public static (int[] Shape, double[] Data) ReadTensor(JsonElement element, string what)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            var shape = element.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            var data = element.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            return (shape, data);
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{what}: expected a tensor, found {element.ValueKind}.");
        }

        var dims = new List<int>();
        var probe = element;
        while (probe.ValueKind == JsonValueKind.Array)
        {
            dims.Add(probe.GetArrayLength());
            probe = probe.GetArrayLength() > 0 ? probe[0] : default;
        }

        var values = new List<double>();
        Flatten(element, values);
        return (dims.ToArray(), values.ToArray());
    }

    public static (int[] Shape, int[] Data) ReadIntegers(JsonElement element, string what)
    {
        var (shape, data) = ReadTensor(element, what);
        return (shape, data.Select(v => checked((int)v)).ToArray());
    }

    public static float[] ToFloats(double[] data)
    {
        return data.Select(v => (float)v).ToArray();
    }

    private static void Flatten(JsonElement element, List<double> values)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray())
            {
                Flatten(child, values);
            }
        }
        else
        {
            values.Add(element.GetDouble());
        }
    }
}

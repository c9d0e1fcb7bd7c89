using System.Text.Json;
using System.Text.Json.Serialization;
using Plotly.Blazor;

namespace HyperSweep.Dashboard.Views;

/// <summary>
/// A figure as the JSON plotly.js takes (<c>{data, layout, config}</c>), written with Plotly.Blazor's own converters, as
/// its interop does (traces by their runtime type, dates as plotly's date strings, nulls left out). The page carries this
/// text and dashboard-charts.js hands it to plotly.js, so a chart is drawn without waiting for Blazor's circuit.
/// </summary>
internal static class FigureJson
{
    private static readonly Config Config = new() { Responsive = true, DisplayLogo = false };

    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new PolymorphicConverter<ITrace>(), new DateTimeConverter(), new DateTimeOffsetConverter() },
    };

    public static string Write(IList<ITrace> data, Layout layout) => JsonSerializer.Serialize(new Figure(data, layout, Config), Options);

    private sealed record Figure(
        [property: JsonPropertyName("data")] IList<ITrace> Data,
        [property: JsonPropertyName("layout")] Layout Layout,
        [property: JsonPropertyName("config")] Config Config);
}

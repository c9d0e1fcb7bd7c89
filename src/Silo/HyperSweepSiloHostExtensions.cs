using HyperSweep.Silo.Settings;
using HyperSweep.Silo.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HyperSweep.Silo;

/// <summary>The hypersweep-silo host's wiring: its settings bound once, validated, and turned into a silo.</summary>
public static class HyperSweepSiloHostExtensions
{
    /// <summary>
    /// Binds every options class of the silo once from the host's configuration — <see cref="HyperSweepSiloOptions"/>
    /// (section HyperSweep) and <see cref="TelemetryOptions"/> (HyperSweep:Telemetry) — each with its validator and
    /// <c>ValidateOnStart</c>, and configures Orleans and the exporters from those values. Throws
    /// <see cref="SiloSettingsException"/> for an unknown setting and <see cref="OptionsValidationException"/> (every
    /// failure, each naming its key) for bad values, before anything starts.
    /// </summary>
    /// <returns>The silo's settings, as the host's <c>IOptions&lt;HyperSweepSiloOptions&gt;</c> holds them.</returns>
    public static HyperSweepSiloOptions AddHyperSweepSilo(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        SiloSettings.RejectUnknown(builder.Configuration);
        builder.Services.AddOptions<HyperSweepSiloOptions>().Bind(builder.Configuration.GetSection(HyperSweepSiloOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<HyperSweepSiloOptions>, HyperSweepSiloOptionsValidator>();
        builder.Services.AddOptions<TelemetryOptions>().Bind(builder.Configuration.GetSection(TelemetryOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        // Orleans' builder takes ports, clustering and storage while services are registered, before the host exists;
        // so the values are read now, through the registrations above (the same binding and validators IOptions uses).
        var options = Early<HyperSweepSiloOptions>(builder.Services);
        var telemetry = Early<TelemetryOptions>(builder.Services);
        builder.UseOrleans(silo => HyperSweepSiloConfiguration.ConfigureValidated(silo, options));
        builder.AddHyperSweepTelemetry(telemetry);
        return options;
    }

    /// <summary><c>IOptions&lt;T&gt;.Value</c> of <paramref name="services"/>' registrations for <typeparamref name="T"/> (configure, validate).</summary>
    private static T Early<T>(IServiceCollection services)
        where T : class
    {
        IServiceCollection own = new ServiceCollection();
        own.AddOptions();
        foreach (var descriptor in services.Where(d => d.ServiceType.IsGenericType && d.ServiceType.GenericTypeArguments.SequenceEqual([typeof(T)])))
        {
            own.Add(descriptor);
        }

        using var provider = own.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}

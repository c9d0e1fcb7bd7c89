using HyperSweep.Silo;
using HyperSweep.Silo.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HyperSweep.Client.Tests;

/// <summary>
/// hypersweep-silo's settings come from its options classes: each property is a setting with a meaning, a switch and a
/// line in --help; an unknown setting from any source is an error naming it with "did you mean"; bad values fail
/// before anything starts, every one named.
/// </summary>
public sealed class SiloSettingsTests
{
    [Fact]
    public void Every_setting_has_a_meaning_and_a_switch_of_its_own_and_is_in_the_help()
    {
        using var help = new StringWriter();
        SiloSettings.WriteHelp(help);

        Assert.All(SiloSettings.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Description), $"{s.Key} has no [Description]"));
        Assert.Equal(SiloSettings.All.Count, SiloSettings.All.Select(s => s.Switch).Distinct().Count());
        Assert.All(SiloSettings.All, s => Assert.Contains($"  {s.Switch} <", help.ToString(), StringComparison.Ordinal));
        Assert.Contains("HyperSweep:StateDir (appsettings.json), HyperSweep__StateDir (environment)", help.ToString(), StringComparison.Ordinal);
        Assert.Contains("--telemetry-otlp <true|false>", help.ToString(), StringComparison.Ordinal);
        Assert.All(help.ToString().Split('\n'), l => Assert.True(l.Length <= 120, l));
    }

    [Theory]
    [InlineData(new[] { "--slot", "4" }, "unknown option '--slot'; did you mean '--slots'?")]
    [InlineData(new[] { "--HyperSweep:Slot=4" }, "unknown setting 'HyperSweep:Slot' (from the command line); did you mean 'HyperSweep:Slots'?")]
    [InlineData(new[] { "--HyperSweep:Telemetry:Otpl=true" }, "unknown setting 'HyperSweep:Telemetry:Otpl' (from the command line); did you mean 'HyperSweep:Telemetry:Otlp'?")]
    public void An_unknown_setting_is_an_error_naming_it(string[] args, string message)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(args, SiloSettings.Switches()).Build();

        var error = Assert.Throws<SiloSettingsException>(() => SiloSettings.RejectUnknown(configuration));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_true_or_false_switch_given_alone_means_true_and_one_given_a_value_keeps_it()
    {
        string[] args = ["--insecure", "--orleans-dashboard", "false", "--slots", "2", "--new-generation"];
        var configuration = new ConfigurationBuilder().AddCommandLine(SiloSettings.ExpandFlags(args), SiloSettings.Switches()).Build();

        var options = configuration.GetSection(HyperSweepSiloOptions.Section).Get<HyperSweepSiloOptions>()!;

        Assert.Equal((true, true, false, 2), (options.Insecure, options.NewGeneration, options.OrleansDashboard, options.Slots));
    }

    [Fact]
    public void An_unknown_key_in_a_settings_file_names_the_file()
    {
        using var folder = new TempFolder();
        var file = folder.Write("appsettings.json", """{"HyperSweep": {"Slotz": 2}}""");
        var configuration = new ConfigurationBuilder().AddJsonFile(file).Build();

        var error = Assert.Throws<SiloSettingsException>(() => SiloSettings.RejectUnknown(configuration));

        Assert.StartsWith("unknown setting 'HyperSweep:Slotz' (from appsettings.json); did you mean 'HyperSweep:Slots'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_are_bound_once_from_the_switches_and_validated_before_the_host_is_built()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddCommandLine(["--slots", "0", "--silo-port", "70000", "--workload", "synthetic"], SiloSettings.Switches());

        var error = Assert.Throws<OptionsValidationException>(() => builder.AddHyperSweepSilo());

        Assert.Contains("HyperSweep:Slots must be at least 1 (got 0).", error.Failures);
        Assert.Contains("HyperSweep:SiloPort must be a TCP port 0-65535 (got 70000).", error.Failures);
    }

    [Fact]
    public void Switches_set_the_options_the_host_holds()
    {
        using var folder = new TempFolder();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddCommandLine(
            ["--slots", "3", "--workload", "synthetic", "--state-dir", folder.Path, "--silo-port", "0", "--gateway-port", "0", "--orleans-dashboard", "false"],
            SiloSettings.Switches());

        var options = builder.AddHyperSweepSilo();
        using var host = builder.Build();

        Assert.Equal(3, options.Slots);
        Assert.Equal(WorkloadKind.Synthetic, options.Workload);
        Assert.Equal(3, host.Services.GetRequiredService<IOptions<HyperSweepSiloOptions>>().Value.Slots);
    }
}

using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace HyperSweep.Dashboard.Tests;

/// <summary>
/// A real headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run) driven by Selenium, with a
/// fresh profile; screenshots go to <see cref="ArtifactsDir"/> (HYPERSWEEP_TEST_ARTIFACTS, else artifacts/ beside the tests).
/// </summary>
public sealed class BrowserFixture : IDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";
    private readonly string _profile = Path.Combine(Path.GetTempPath(), "hypersweep-chromium-" + Guid.NewGuid().ToString("N"));
    private ChromeDriver? _driver;

    public string ArtifactsDir { get; } = Environment.GetEnvironmentVariable("HYPERSWEEP_TEST_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>The browser, started on first use.</summary>
    public ChromeDriver Driver => _driver ??= Start();

    public string Screenshot(string name)
    {
        Directory.CreateDirectory(ArtifactsDir);
        var path = Path.Combine(ArtifactsDir, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        return path;
    }

    public void Dispose()
    {
        _driver?.Quit();
        _driver?.Dispose();
        if (Directory.Exists(_profile))
        {
            Directory.Delete(_profile, recursive: true);
        }
    }

    private ChromeDriver Start()
    {
        if (!File.Exists(Chromium) || !File.Exists(ChromeDriver))
        {
            throw new InvalidOperationException($"browser tests need Debian's chromium and chromium-driver ({Chromium}, {ChromeDriver}); .ci/run installs them");
        }

        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1400,2200", "--user-data-dir=" + _profile);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
        return driver;
    }
}

using System.Diagnostics;
using System.Globalization;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace HyperSweep.Dashboard.Bench;

/// <summary>Headless Debian Chromium through Selenium, as the tests drive it, with page-marks.js in every page.</summary>
public static class Browser
{
    public static ChromeDriver Start(string profile)
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1400,2200", "--user-data-dir=" + profile);
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        Inject(driver, "page-marks.js");
        if (Timeline)
        {
            Inject(driver, "timeline.js");
        }

        return driver;
    }

    /// <summary>DASHBOARD_BENCH_TIMELINE=1: <see cref="Visit"/> prints the page's timeline (timeline.js).</summary>
    private static bool Timeline => Environment.GetEnvironmentVariable("DASHBOARD_BENCH_TIMELINE") is { Length: > 0 };

    /// <summary>
    /// Until every chart on the page has been drawn by plotly.js: each [data-chart] holds one plotly trace group per trace
    /// it declares (data-traces), so a chart whose frame is drawn but not its traces does not count.
    /// </summary>
    public static void WaitForCharts(IWebDriver driver) => Until(driver,
        "const c = document.querySelectorAll('[data-chart]');" +
        "return c.length > 0 && [...c].every(e => e.querySelectorAll('g.trace, g.parcoords').length === Number(e.dataset.traces));");

    /// <summary>Until Blazor's circuit has rendered the page (page-marks.js): from then on the page polls the dashboard's cache.</summary>
    public static void WaitForLive(IWebDriver driver) => Until(driver, "return window.__hsLive !== undefined;");

    /// <summary>Navigates to <paramref name="url"/>, waits for every chart and for the circuit, and reads the page's marks.</summary>
    public static PageVisit Visit(ChromeDriver driver, Uri url)
    {
        var clock = Stopwatch.StartNew();
        driver.Navigate().GoToUrl(url);
        WaitForCharts(driver);
        var total = clock.Elapsed.TotalMilliseconds;
        Until(driver, "return window.__hsLive !== undefined && window.__hsChartsDrawn !== undefined && window.__hsSvgChartsDrawn !== undefined;");
        var marks = ((IReadOnlyCollection<object>)((IJavaScriptExecutor)driver).ExecuteScript("""
            const n = performance.getEntriesByType('navigation')[0];
            const p = performance.getEntriesByType('resource').find(r => r.name.includes('plotly-3.7.0'));
            return [n.responseEnd, n.domContentLoadedEventEnd, p ? p.responseEnd : -1, p ? p.transferSize : -1, window.__hsSvgChartsDrawn, window.__hsChartsDrawn, window.__hsLive];
            """)!).Select(m => Convert.ToDouble(m, CultureInfo.InvariantCulture)).ToList();
        if (Timeline)
        {
            var events = (IReadOnlyCollection<object>)((IJavaScriptExecutor)driver).ExecuteScript(
                "return window.__hsTimeline.sort((a, b) => a[0] - b[0]).map(e => e[0] + ' ms  ' + e[1]);")!;
            Console.WriteLine(string.Join(Environment.NewLine, events.Select(e => "    " + e)));
        }

        return new PageVisit(total, marks[0], marks[1], marks[2], marks[3], marks[4], marks[5], marks[6]);
    }

    private static void Inject(ChromeDriver driver, string script) => driver.ExecuteCdpCommand("Page.addScriptToEvaluateOnNewDocument",
        new Dictionary<string, object?> { ["source"] = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, script)) });

    private static void Until(IWebDriver driver, string script)
    {
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(120)) { PollingInterval = TimeSpan.FromMilliseconds(10) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        wait.Until(d => (bool)((IJavaScriptExecutor)d).ExecuteScript(script)!);
    }
}

using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace HyperSweep.Dashboard.Bench;

/// <summary>Headless Debian Chromium through Selenium, as the tests drive it.</summary>
public static class Browser
{
    public static ChromeDriver Start(string profile)
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--window-size=1400,2200", "--user-data-dir=" + profile);
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
    }

    /// <summary>Until every chart on the page has been drawn by plotly.js.</summary>
    public static void WaitForCharts(IWebDriver driver)
    {
        var wait = new WebDriverWait(driver, TimeSpan.FromSeconds(120)) { PollingInterval = TimeSpan.FromMilliseconds(10) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        wait.Until(d => (bool)((IJavaScriptExecutor)d).ExecuteScript(
            "const c = document.querySelectorAll('[data-chart]'); return c.length > 0 && [...c].every(e => e.querySelector('svg.main-svg, canvas'));")!);
    }
}

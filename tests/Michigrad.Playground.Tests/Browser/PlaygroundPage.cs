using System.Diagnostics;
using Microsoft.Playwright;

namespace Michigrad.Playground.Tests.Browser;

/// <summary>Opens the playground and reads it by its data-testid names.</summary>
internal static class PlaygroundPage
{
    public const float Timeout = 60_000;

    /// <summary>Opens the site (with an optional state after '#') and waits until the app has started.</summary>
    public static async Task<TimeSpan> OpenAsync(IPage page, string address, string fragment = "")
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(address + (fragment.Length > 0 ? "#" + fragment : ""));
        await page.Locator("[data-testid=language]").WaitForAsync(new() { Timeout = Timeout });
        return clock.Elapsed;
    }

    public static ILocator Id(this IPage page, string testId) => page.Locator($"[data-testid=\"{testId}\"]");

    /// <summary>The full-precision data and grad of the value labelled <paramref name="label"/> in the values table.</summary>
    public static async Task<(string Data, string Grad)> ValueAsync(IPage page, string label)
    {
        ILocator row = page.Locator($"table.values tr[data-label=\"{label}\"]");
        return (await row.Locator("td.data").InnerTextAsync(), await row.Locator("td.grad").InnerTextAsync());
    }

    /// <summary>Clicks Run and waits until the run is over and shown (the lab counts its runs in data-runs).</summary>
    public static async Task<TimeSpan> RunAsync(IPage page)
    {
        string runs = await page.Id("run").GetAttributeAsync("data-runs") ?? "0";
        var clock = Stopwatch.StartNew();
        await page.Id("run").ClickAsync();
        await page.Locator($"[data-testid=run]:not([disabled]):not([data-runs=\"{runs}\"])").WaitForAsync(new() { Timeout = Timeout });
        return clock.Elapsed;
    }
}

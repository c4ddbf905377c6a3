using Microsoft.Playwright;

namespace Michigrad.Playground.Tests.Browser;

// Phones and tablets: no sideways scrolling, the shell's controls reachable, touch targets of at least 40 px, the
// graph in a box of its own. (The Train tab's inside is laid out by its own tests.)
[Collection(PlaygroundCollection.Name)]
public sealed class LayoutTests(PublishedSite site, ChromiumFixture chromium)
{
    [Theory]
    [InlineData(390, 844, "es")]
    [InlineData(390, 844, "en")]
    [InlineData(768, 1024, "es")]
    public async Task SmallScreens_FitTheShellTheGraphLabAndTheLessons(int width, int height, string lang)
    {
        IPage page = await chromium.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await PlaygroundPage.OpenAsync(page, site.Address, "lang=" + lang);
        await PlaygroundPage.RunAsync(page);

        await AssertFitsAsync(page, width);
        // The graph is in a box that scrolls by itself (pan) and can be zoomed in.
        ILocator box = page.Locator(".graph-scroll");
        Assert.True((await box.BoundingBoxAsync())!.Width <= width);
        await page.Locator(".zoom button").First.ClickAsync();
        await page.Locator(".zoom button").First.ClickAsync();
        Assert.True(await box.EvaluateAsync<bool>("b => b.scrollWidth > b.clientWidth"), "the zoomed graph should pan inside its box");
        await AssertFitsAsync(page, width);
        await Artifacts.ScreenshotAsync(page, $"playground-graph-{width}-{lang}");

        await page.Id("tab-lessons").ClickAsync();
        await page.Id("lesson-2").ClickAsync();   // the graph: text, an editor and a drawing
        await page.Locator(".lesson svg.graph").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        await AssertFitsAsync(page, width);
        await Artifacts.ScreenshotAsync(page, $"playground-lessons-{width}-{lang}");

        await page.Id("tab-train").ClickAsync();
        await page.Id("play").WaitForAsync();
        await AssertShellReachableAsync(page, width);
        await Artifacts.ScreenshotAsync(page, $"playground-train-{width}-{lang}");
        await page.Context.CloseAsync();
    }

    private static async Task AssertFitsAsync(IPage page, int width)
    {
        int scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"the page is {scrollWidth} px wide in a {width} px screen");
        await AssertShellReachableAsync(page, width);
        // Every button of the graph lab and the lessons is a finger wide and high.
        string[] small = await page.EvaluateAsync<string[]>("""
            [...document.querySelectorAll('header button, header select, .lab button, .lessons button')]
              .filter(b => b.offsetParent !== null)
              .map(b => [b, b.getBoundingClientRect()])
              .filter(([b, r]) => r.width < 40 || r.height < 40)
              .map(([b, r]) => `${b.textContent.trim() || b.getAttribute('data-testid')} ${Math.round(r.width)}x${Math.round(r.height)}`)
            """);
        Assert.True(small.Length == 0, "smaller than 40 px: " + string.Join(", ", small));
    }

    private static async Task AssertShellReachableAsync(IPage page, int width)
    {
        foreach (string id in new[] { "tab-graph", "tab-train", "tab-lessons", "share", "language" })
        {
            LocatorBoundingBoxResult box = (await page.Id(id).BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= width + 0.5, $"{id} is at {box.X}..{box.X + box.Width} in a {width} px screen");
            Assert.True(box.Height >= 40, $"{id} is {box.Height} px high");
        }
        // A tap on a tab lands on that tab: its centre is not covered by anything else.
        bool own = await page.EvaluateAsync<bool>("""
            ['tab-graph', 'tab-train', 'tab-lessons'].every(id => {
              const b = document.querySelector(`[data-testid=${id}]`).getBoundingClientRect();
              return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2)?.closest(`[data-testid=${id}]`) != null;
            })
            """);
        Assert.True(own, "a tab's centre is covered");
    }
}

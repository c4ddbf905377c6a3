using Microsoft.Playwright;

namespace Michigrad.Playground.Tests.Browser;

[Collection(PlaygroundCollection.Name)]
public sealed class ShareAndLanguageTests(PublishedSite site, ChromiumFixture chromium)
{
    [Fact]
    public async Task CopiedUrl_RestoresTheSameStateAfterReload()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address);
        await page.Id("editor").FillAsync("var q = new Value(4.0, \"q\");\nvar r = q * q; r.Label = \"r\";\nr");
        await page.Id("editor").BlurAsync();
        await page.Id("tab-train").ClickAsync();
        await page.Id("dataset").SelectOptionAsync("circles");
        await page.Id("hidden").FillAsync("8,4");
        await page.Id("hidden").BlurAsync();
        await page.Id("activation").SelectOptionAsync("tanh");
        await page.Id("learning-rate").FillAsync("0.25");
        await page.Id("learning-rate").BlurAsync();
        await page.Id("language").SelectOptionAsync("en");
        string url = page.Url;
        Assert.Contains("#", url);

        IPage again = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(again, url.Split('#')[0], url.Split('#')[1]);
        await again.Id("boundary").WaitForAsync();
        Assert.Equal("circles", await again.Id("dataset").InputValueAsync());
        Assert.Equal("8,4", await again.Id("hidden").InputValueAsync());
        Assert.Equal("tanh", await again.Id("activation").InputValueAsync());
        Assert.Equal("0.25", await again.Id("learning-rate").InputValueAsync());
        Assert.Equal("en", await again.Id("language").InputValueAsync());
        Assert.Equal("Train", await again.Id("tab-train").InnerTextAsync());
        await again.Id("tab-graph").ClickAsync();
        Assert.Contains("var r = q * q;", await again.Id("editor").InputValueAsync());
        await PlaygroundPage.RunAsync(again);
        Assert.Equal(("16", "0"), await PlaygroundPage.ValueAsync(again, "r"));   // no Backward in that code

        // A reload of the same address gives the same state too.
        await again.ReloadAsync();
        await again.Id("editor").WaitForAsync();
        Assert.Contains("var r = q * q;", await again.Id("editor").InputValueAsync());
        await page.Context.CloseAsync();
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task LanguageSwitch_ChangesTheInterfaceBetweenSpanishAndEnglish()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address);
        Assert.Equal("Entrenar", await page.Id("tab-train").InnerTextAsync());
        Assert.Equal("Ejecutar", await page.Id("run").InnerTextAsync());

        await page.Id("language").SelectOptionAsync("en");
        Assert.Equal("Train", await page.Id("tab-train").InnerTextAsync());
        Assert.Equal("Run", await page.Id("run").InnerTextAsync());
        Assert.Contains("lang=en", page.Url);

        await page.Id("tab-lessons").ClickAsync();
        await page.Locator(".lesson pre.result").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        Assert.Contains("A number and its derivative", await page.Id("lesson").InnerTextAsync());
        await Artifacts.ScreenshotAsync(page, "playground-lessons-en");

        await page.Id("language").SelectOptionAsync("es");
        Assert.Contains("Un número y su derivada", await page.Id("lesson").InnerTextAsync());
        await page.Id("lesson-2").ClickAsync();
        await page.Locator(".lesson svg.graph").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        await Artifacts.ScreenshotAsync(page, "playground-lessons-es");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ClassifierLesson_HasALiveTrainer()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=lessons&lesson=14&lang=en");
        await page.Id("boundary").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });

        for (int i = 0; i < 20; i++) await page.Id("step").ClickAsync();

        Assert.Contains("The classifier", await page.Id("lesson").InnerTextAsync());
        Assert.Equal("20", await page.Id("step-count").InnerTextAsync());
        Assert.Contains("lesson=14", page.Url);
        Assert.DoesNotContain("ds=", page.Url);   // the lesson's own trainer keeps out of the address
        await Artifacts.ScreenshotAsync(page, "playground-lessons-classifier");
        await page.Context.CloseAsync();
    }
}

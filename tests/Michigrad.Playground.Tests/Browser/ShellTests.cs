using Michigrad.Playground.Shell;
using Microsoft.Playwright;

namespace Michigrad.Playground.Tests.Browser;

[Collection(PlaygroundCollection.Name)]
public sealed class ShellTests(PublishedSite site, ChromiumFixture chromium)
{
    [Fact]
    public async Task CopyLink_SaysSoWhenTheClipboardRefuses()
    {
        IPage page = await chromium.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = site.Address.TrimEnd('/') });
        await PlaygroundPage.OpenAsync(page, site.Address, "lang=en");
        await page.Id("share").ClickAsync();
        Assert.Equal(Text.Get("copied", "en"), await page.Id("share-note").InnerTextAsync());
        Assert.Equal(page.Url, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        IPage refused = await chromium.NewPageAsync();
        await refused.AddInitScriptAsync("navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));");
        await PlaygroundPage.OpenAsync(refused, site.Address);
        await refused.Id("share").ClickAsync();
        Assert.Equal(Text.Get("copy.failed", "es"), await refused.Id("share-note").InnerTextAsync());
        await page.Context.CloseAsync();
        await refused.Context.CloseAsync();
    }

    [Fact]
    public async Task TheSpanishGraphLab_HoldsNoEnglish_AndTimingsHideBehindAToggle()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address);
        await page.Locator("[data-testid=run][data-compiler=ready]").WaitForAsync(new() { Timeout = PlaygroundPage.Timeout });
        var seen = new List<string>();
        async Task Look() => seen.Add(await page.InnerTextAsync("body"));

        await PlaygroundPage.RunAsync(page);
        Assert.False(await page.Id("timing").IsVisibleAsync());
        await page.Id("backward-reset").ClickAsync();
        for (int i = 0; i < 3; i++) await page.Id("backward-step").ClickAsync();
        await Look();
        await page.Id("timing-toggle").CheckAsync();
        Assert.True(await page.Id("timing").IsVisibleAsync());
        await Look();
        // A constant operand: the step says so in Spanish.
        await page.Id("editor").FillAsync("var a = new Value(2.0, \"a\");\nvar b = a * 3; b.Label = \"b\";\nb.Backward();\nConsole.WriteLine(b.Data);\nb");
        await page.Id("editor").BlurAsync();
        await PlaygroundPage.RunAsync(page);
        await page.Id("backward-reset").ClickAsync();
        await page.Id("backward-step").ClickAsync();
        await page.Id("backward-step").ClickAsync();
        Assert.Contains("no necesita gradiente", await page.Id("chain-rule").InnerTextAsync());
        await Look();
        foreach (string code in new[] { "Value v = null!;\nvar w = v + 1;", "var m = new MLP(2, [3, 1]);\nm.Forward(1.0)", "int[] xs = [];\nxs.First()" })
        {
            await page.Id("editor").FillAsync(code);
            await page.Id("editor").BlurAsync();
            await PlaygroundPage.RunAsync(page);
            await Look();
        }
        await Artifacts.ScreenshotAsync(page, "playground-spanish-error");

        string all = string.Join("\n", seen);
        // No English sentence of the interface, and no runtime resource key.
        foreach ((string key, string es, string en) in Text.Entries().Where(e => e.En != e.Es && e.En.Contains(' ')))
            Assert.False(all.Contains(en, StringComparison.Ordinal), $"English text of \"{key}\" in the Spanish page: {en}");
        Assert.DoesNotMatch(@"\b[A-Z][A-Za-z]+_[A-Z][A-Za-z_]+\b", all);
        foreach (string english in new[] { "expects", "needs no gradient", "Value cannot be null", "Sequence contains" })
            Assert.DoesNotContain(english, all);
        await page.Context.CloseAsync();
    }
}

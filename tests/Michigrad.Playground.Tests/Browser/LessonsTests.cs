using System.Diagnostics;
using Microsoft.Playwright;
using Michigrad.Playground.Lessons;
using Xunit.Abstractions;

namespace Michigrad.Playground.Tests.Browser;

[Collection(PlaygroundCollection.Name)]
public sealed class LessonsTests(PublishedSite site, ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly LocatorWaitForOptions Long = new() { Timeout = PlaygroundPage.Timeout };

    [Fact]
    public async Task EveryLessonOpens_EveryStarterFailsAndEverySolutionPasses_AndTheMarksSurviveAReload()
    {
        IPage page = await chromium.NewPageAsync();
        await PlaygroundPage.OpenAsync(page, site.Address, "page=lessons");
        var clock = Stopwatch.StartNew();
        var exercises = new List<int>();
        for (int k = 0; k < LessonCatalog.All.Count; k++)
        {
            Lesson lesson = LessonCatalog.All[k];
            await page.Id($"lesson-{k}").ClickAsync();
            ILocator article = page.Locator($"[data-testid=lesson][data-lesson=\"{lesson.Name}\"]");
            await article.WaitForAsync(Long);
            Assert.Equal(lesson.Title("es"), await article.Locator(":scope > h2").InnerTextAsync());

            if (lesson.Check is not null)
            {
                exercises.Add(k);
                Assert.Equal("false", await CheckAsync(page));
                await page.Id("solution").ClickAsync();
                Assert.Equal("true", await CheckAsync(page));
                Assert.StartsWith("✓", await page.Id("check-result").InnerTextAsync());
                Assert.Equal("true", await page.Id($"lesson-{k}").GetAttributeAsync("data-done"));
            }
            else if (lesson.Training is not null)
            {
                await article.Locator("[data-testid=boundary]").WaitForAsync(Long);
            }
            else
            {
                // The lab ran the lesson's code: a graph or printed numbers, and no error.
                await article.Locator("svg.graph, pre.result, .error").First.WaitForAsync(Long);
                Assert.Equal(0, await article.Locator(".error").CountAsync());
            }
        }
        output.WriteLine($"{LessonCatalog.All.Count} lessons, {exercises.Count} exercises checked twice, in {clock.Elapsed.TotalSeconds:0} s");

        await page.ReloadAsync();
        await page.Id("lesson-0").WaitForAsync(Long);
        for (int k = 0; k < LessonCatalog.All.Count; k++)
            Assert.Equal(exercises.Contains(k) ? "true" : null, await page.Id($"lesson-{k}").GetAttributeAsync("data-done"));
        await Artifacts.ScreenshotAsync(page, "playground-lessons-exercise");

        await page.Id("progress-reset").ClickAsync();
        await page.Locator("[data-done]").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await page.ReloadAsync();
        await page.Id("lesson-0").WaitForAsync(Long);
        Assert.Equal(0, await page.Locator("[data-done]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BackwardLesson_OpensItsStepperAtStepZeroAndShowsTheChainRule()
    {
        IPage page = await chromium.NewPageAsync();
        int index = LessonCatalog.All.ToList().FindIndex(l => l.Name == "backward");
        await PlaygroundPage.OpenAsync(page, site.Address, $"page=lessons&lesson={index}&lang=en");
        ILocator article = page.Id("lesson");
        await article.Locator("svg.graph").WaitForAsync(Long);

        Assert.Equal("step 0 / 6", await article.Locator(".backward .counter").InnerTextAsync());
        ILocator step = article.Locator(".backward button.primary");
        for (int i = 0; i < 6; i++) await step.ClickAsync();

        Assert.Contains("W₀.grad += x₀ · W₀x₀.grad = 0.5 · −0.5224 = −0.2612", await article.Locator("[data-testid=chain-rule]").InnerTextAsync());
        await Artifacts.ScreenshotAsync(page, "playground-lessons-backward");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FailedCheck_NamesTheExpressionTheNodeAndTheExpectedNumber()
    {
        IPage page = await chromium.NewPageAsync();
        int index = LessonCatalog.All.ToList().FindIndex(l => l.Name == "valor-sum-product");
        await PlaygroundPage.OpenAsync(page, site.Address, $"page=lessons&lesson={index}&lang=en");
        // The solution with the product's backward rule wrong: each operand gets its own data instead of the other's.
        string wrong = LessonCatalog.All[index].Document("en").Solution!.Replace("a.Grad += b.Data * output.Grad;", "a.Grad += a.Data * output.Grad;");
        await page.Id("exercise-editor").FillAsync(wrong);

        Assert.Equal("false", await CheckAsync(page));
        string result = await page.Id("check-result").InnerTextAsync();
        Assert.Contains("✗ Expression 2 of 40: a.Grad is 2; Michigrad gives −3.", result);
        Assert.Contains("var L = a * b;", result);
        await Artifacts.ScreenshotAsync(page, "playground-lessons-check-failed");
        await page.Context.CloseAsync();
    }

    /// <summary>Presses Check and returns whether it passed ("true" or "false").</summary>
    private static async Task<string?> CheckAsync(IPage page)
    {
        await page.Id("check").ClickAsync();
        ILocator result = page.Id("check-result");
        await result.WaitForAsync(Long);
        return await result.GetAttributeAsync("data-passed");
    }
}

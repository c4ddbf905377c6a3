using Microsoft.Playwright;

namespace Michigrad.Playground.Tests.Browser;

/// <summary>Screenshots and measured times of the end-to-end tests, kept in <c>artifacts/</c> of the test output;
/// with <c>MICHIGRAD_UPDATE_SCREENSHOTS=1</c> the screenshots are also copied to docs/images for the README.</summary>
internal static class Artifacts
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        string path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        if (Environment.GetEnvironmentVariable("MICHIGRAD_UPDATE_SCREENSHOTS") == "1")
            File.Copy(path, Path.Combine(PublishedSite.RepositoryRoot(), "docs", "images", name + ".png"), overwrite: true);
    }

    public static void Record(string line)
    {
        Directory.CreateDirectory(Folder);
        File.AppendAllText(Path.Combine(Folder, "timings.txt"), $"{DateTime.UtcNow:O} {line}\n");
    }
}

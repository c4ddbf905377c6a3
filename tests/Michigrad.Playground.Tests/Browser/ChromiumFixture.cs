using Microsoft.Playwright;

namespace Michigrad.Playground.Tests.Browser;

/// <summary>
/// One headless Chromium for the end-to-end tests: Debian's <c>chromium</c> (installed by .ci/run), driven by
/// Playwright's driver, which ships inside the NuGet package, so nothing is downloaded.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium (.ci/run does).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh context (cold cache, own clipboard permissions) with one tab; dispose the context when done.</summary>
    public async Task<IPage> NewPageAsync()
    {
        IBrowserContext context = await (_browser ?? throw new InvalidOperationException("Chromium is not started."))
            .NewContextAsync(new() { ViewportSize = new() { Width = 1360, Height = 900 }, AcceptDownloads = true });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}

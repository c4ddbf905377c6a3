using Microsoft.Playwright;

namespace Michigrad.Interactive.Tests.Browser;

/// <summary>
/// One headless Chromium for the browser tests: Debian's <c>chromium</c> (installed by .ci/run), driven by
/// Playwright's driver, which ships inside the NuGet package, so nothing is downloaded.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowserContext? _context;
    private string? _profile;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            // Off CI the tests that use this fixture are skipped (see ExternalTools); under CI they must fail.
            if (!Michigrad.TestSupport.ExternalTools.UnderCi) return;
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium (.ci/run does).");
        }
        _playwright = await Playwright.CreateAsync();
        _profile = Path.Combine(Path.GetTempPath(), "michigrad-chromium-" + Guid.NewGuid().ToString("N"));
        // A persistent context is how Playwright takes a fresh --user-data-dir; these flags work as root in CI.
        _context = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            ViewportSize = new() { Width = 1280, Height = 720 },
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A new tab; close it when done.</summary>
    public Task<IPage> NewPageAsync() =>
        (_context ?? throw new InvalidOperationException("Chromium is not started.")).NewPageAsync();

    public async Task DisposeAsync()
    {
        if (_context is not null) await _context.CloseAsync();
        _playwright?.Dispose();
        if (_profile is not null && Directory.Exists(_profile)) Directory.Delete(_profile, recursive: true);
    }
}

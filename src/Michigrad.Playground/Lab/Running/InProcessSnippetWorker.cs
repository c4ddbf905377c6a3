namespace Michigrad.Playground.Lab.Running;

/// <summary>Runs snippets on the thread pool of this process: for the component tests, where there is no browser.
/// It cannot stop a run (a thread cannot be ended); the budget ends runaway code.</summary>
public sealed class InProcessSnippetWorker : ISnippetWorker
{
    private readonly SnippetRunner _runner = new();
    private Task? _warmUp;

    /// <inheritdoc />
    public bool IsReady => _warmUp is { IsCompletedSuccessfully: true };

    /// <inheritdoc />
    public event Action? ReadyChanged;

    /// <inheritdoc />
    public Task StartAsync() => _warmUp ??= Task.Run(() =>
    {
        _runner.WarmUp();
        ReadyChanged?.Invoke();
    });

    /// <inheritdoc />
    public async Task<RunReply> RunAsync(RunRequest request)
    {
        await StartAsync();
        return await Task.Run(() => _runner.Run(request));
    }

    /// <inheritdoc />
    public Task StopAsync() => Task.CompletedTask;
}

using System.Text.Json;
using Microsoft.JSInterop;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// The page's side of the runner's web worker (<c>playground.runner</c> in <c>wwwroot/js/playground.js</c>): requests
/// and replies cross as JSON; the JavaScript side ends the worker on Stop, on its watchdog and when it dies, starts a new
/// one, and answers the run with the reason.
/// </summary>
public sealed class BrowserSnippetWorker(IJSRuntime js) : ISnippetWorker, IDisposable
{
    /// <summary>How long a run may go, from the end of compiling, before the worker is ended: past the budget's own
    /// time limit, so code that ticks it ends with the budget's precise message first.</summary>
    public static readonly TimeSpan Watchdog = BudgetLimits.Default.Time + TimeSpan.FromSeconds(1.5);

    private DotNetObjectReference<BrowserSnippetWorker>? _self;

    /// <inheritdoc />
    public bool IsReady { get; private set; }

    /// <inheritdoc />
    public event Action? ReadyChanged;

    /// <inheritdoc />
    public async Task StartAsync()
    {
        if (_self is not null) return;
        _self = DotNetObjectReference.Create(this);
        await js.InvokeVoidAsync("playground.runner.start", _self, (int)Watchdog.TotalMilliseconds);
    }

    /// <inheritdoc />
    public async Task<RunReply> RunAsync(RunRequest request)
    {
        await StartAsync();
        string reply = await js.InvokeAsync<string>("playground.runner.run", JsonSerializer.Serialize(request, RunJson.Default.RunRequest));
        return JsonSerializer.Deserialize(reply, RunJson.Default.RunReply) ?? new RunReply { Failure = new RunFailure(RunFailureKind.Crashed) };
    }

    /// <inheritdoc />
    public async Task StopAsync() => await js.InvokeVoidAsync("playground.runner.stop");

    /// <summary>Called by the worker's page side when it becomes ready, or is started again.</summary>
    [JSInvokable]
    public void OnRunnerState(bool ready)
    {
        if (ready == IsReady) return;
        IsReady = ready;
        ReadyChanged?.Invoke();
    }

    public void Dispose() => _self?.Dispose();
}

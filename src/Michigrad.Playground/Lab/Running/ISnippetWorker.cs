namespace Michigrad.Playground.Lab.Running;

/// <summary>Where the page sends code to run off its own thread: a web worker in the browser
/// (<see cref="BrowserSnippetWorker"/>), the test process's thread pool in component tests
/// (<see cref="InProcessSnippetWorker"/>).</summary>
public interface ISnippetWorker
{
    /// <summary>Whether the compiler is warm: a run now starts at once.</summary>
    bool IsReady { get; }

    /// <summary>Raised when <see cref="IsReady"/> changes.</summary>
    event Action? ReadyChanged;

    /// <summary>Starts the worker and its compiler's warm-up (once; later calls do nothing).</summary>
    Task StartAsync();

    /// <summary>Runs <paramref name="request"/>; a run that is stopped, times out or kills the worker ends with a
    /// <see cref="RunReply.Failure"/> saying so.</summary>
    Task<RunReply> RunAsync(RunRequest request);

    /// <summary>Ends the run under way, if any (its <see cref="RunAsync"/> ends with <see cref="RunFailureKind.Stopped"/>).</summary>
    Task StopAsync();
}

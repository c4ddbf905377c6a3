namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// How the page runs code: an example as written runs its precompiled twin here, at once (<see cref="PrecompiledSnippets"/>);
/// anything else goes to the worker (<see cref="ISnippetWorker"/>), which compiles and runs it off the page's thread.
/// </summary>
/// <remarks>The page itself never compiles: the compiler's assemblies are loaded lazily, by the worker only.</remarks>
public sealed class PlaygroundRunner(ISnippetWorker worker)
{
    /// <summary>The worker, for its state and Stop.</summary>
    public ISnippetWorker Worker => worker;

    /// <summary>Whether <paramref name="request"/> runs on the page, without the compiler.</summary>
    public static bool RunsOnPage(RunRequest request) =>
        request.Check is null && PrecompiledSnippets.Find(request.Code) is not null;

    /// <summary>Runs <paramref name="request"/> where it belongs.</summary>
    public Task<RunReply> RunAsync(RunRequest request) =>
        SnippetExecution.RunTwin(request, BudgetLimits.Default) is { } reply ? Task.FromResult(reply) : worker.RunAsync(request);
}

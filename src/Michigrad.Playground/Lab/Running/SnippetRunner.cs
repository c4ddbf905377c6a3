using System.Reflection;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// Runs C# typed in the playground: compiles it (<see cref="SnippetCompiler"/>) unless it is one of the page's own
/// examples compiled with the app (<see cref="PrecompiledSnippets"/>), runs it under a <see cref="Budget"/> with its
/// console captured, and returns everything as data (<see cref="RunReply"/>) that can cross from a web worker to the
/// page. Every exception the code throws, and every limit it passes, becomes a <see cref="RunFailure"/>.
/// </summary>
/// <remarks>
/// <para>In the browser this runs in a web worker (<see cref="RunnerWorker"/>), so the page answers while a snippet runs
/// and Stop can end it; the page's own examples run on the page (<see cref="PrecompiledSnippets"/>).</para>
/// <para><b>Checks.</b> A request may name an exercise's check (<see cref="RunRequest.Check"/>, one of
/// <see cref="Lessons.Checking.ExerciseChecks"/>): it receives the compiled assembly (the learner's classes are found in
/// it by name) and the script's last value, drives the learner's code against Michigrad, and returns a
/// <see cref="Lessons.Checking.CheckReport"/> of plain data, which the reply carries back (<see cref="RunReply.Check"/>).
/// It runs right after the code, inside the same budget, so a loop without end in the learner's methods ends the run
/// as it would in the code itself; an unknown check's name is a <see cref="RunReply.Failure"/>.</para>
/// </remarks>
public sealed class SnippetRunner
{
    // Made on the first compile: the page, which runs only precompiled twins (SnippetExecution), never loads Roslyn.
    private SnippetCompiler? _compiler;

    /// <summary>The limits runs go under.</summary>
    public BudgetLimits Limits { get; init; } = BudgetLimits.Default;

    /// <summary>Called when the code starts running (after compiling): the worker tells the page, whose watchdog times
    /// the run from then on.</summary>
    public Action? Running { get; init; }

    /// <summary>Whether code equal to a page example runs its precompiled twin (true) or is compiled like any other.</summary>
    public bool UsePrecompiled { get; init; } = true;

    /// <summary>Compiles and runs <paramref name="request"/>'s code, then its check if it names one.</summary>
    public RunReply Run(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (UsePrecompiled && SnippetExecution.RunTwin(request, Limits) is { } twin) return twin;
        _compiler ??= new SnippetCompiler();
        CompiledSnippet compiled = _compiler.Compile(request.Code);
        if (compiled.Errors.Count > 0)
            return new RunReply { Errors = compiled.Errors, CompileMs = compiled.CompileTime.TotalMilliseconds };
        (Assembly assembly, Func<ScriptGlobals, Task<object?>> entry) = compiled.Load();
        Running?.Invoke();
        return SnippetExecution.Execute(entry, assembly, request, compiled.CompileTime, Limits);
    }

    /// <summary>Pays the compiler's slow first compilation (and the first run's) on a small snippet.</summary>
    public void WarmUp() => Run(new RunRequest(
        "var a = new Value(2.0, \"a\"); var b = a * a + 1; for (int i = 0; i < 2; i++) b = b.Tanh(); b.Backward(); Console.Write(\"\"); b",
        "en"));
}

using System.Collections;
using System.Diagnostics;
using System.Globalization;
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
/// <para><b>Checks.</b> A request may name a check (<see cref="RunRequest.Check"/>): a static method of this assembly
/// marked <see cref="SnippetCheckAttribute"/>, taking a <see cref="CheckInput"/> (the script's last value, its
/// compiled assembly to find the learner's classes in, the shown values, the language) and returning a
/// <see cref="CheckOutcome"/>, which the reply carries back (<see cref="RunReply.Check"/>). It runs right after the
/// code, inside the same budget; if it throws, the reply's <see cref="RunReply.Failure"/> says so.</para>
/// </remarks>
public sealed class SnippetRunner
{
    /// <summary>The most graphs one run returns.</summary>
    public const int MaxGraphs = 20;

    private readonly SnippetCompiler _compiler = new();

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
        if (UsePrecompiled && request.Check is null && PrecompiledSnippets.Find(request.Code) is { } precompiled)
            return Execute(globals => Task.FromResult(precompiled(globals)), null, request, TimeSpan.Zero);
        CompiledSnippet compiled = _compiler.Compile(request.Code, request.Language);
        if (compiled.Errors.Count > 0)
            return new RunReply { Errors = compiled.Errors, CompileMs = compiled.CompileTime.TotalMilliseconds };
        (Assembly assembly, Func<ScriptGlobals, Task<object?>> entry) = compiled.Load();
        return Execute(entry, assembly, request, compiled.CompileTime);
    }

    /// <summary>Pays the compiler's slow first compilation (and the first run's) on a small snippet.</summary>
    public void WarmUp() => Run(new RunRequest(
        "var a = new Value(2.0, \"a\"); var b = a * a + 1; for (int i = 0; i < 2; i++) b = b.Tanh(); b.Backward(); Console.Write(\"\"); b",
        "en"));

    private RunReply Execute(Func<ScriptGlobals, Task<object?>> entry, Assembly? assembly, RunRequest request, TimeSpan compileTime)
    {
        Running?.Invoke();
        var clock = Stopwatch.StartNew();
        var globals = new ScriptGlobals();
        object? result = null;
        RunFailure? failure = null;
        CheckOutcome? check = null;
        using var console = new ConsoleCapture();
        using (Budget.Start(Limits))
        {
            try
            {
                Task<object?> task = entry(globals);
                // A run is synchronous (a browser thread cannot block on a task): a snippet that awaits something
                // unfinished cannot end here.
                if (!task.IsCompleted) failure = new RunFailure(RunFailureKind.Await);
                else result = task.GetAwaiter().GetResult();
                if (failure is null && request.Check is { } key)
                    check = SnippetChecks.Get(key)(new CheckInput(result, assembly, globals.Shown, request.Language));
            }
            catch (Exception e)
            {
                failure = Failure(e is TargetInvocationException { InnerException: { } inner } ? inner : e, assembly);
            }
        }
        RunReply reply;
        try
        {
            reply = new RunReply { Graphs = Graphs(globals.Shown, result), Result = ResultText(result) };
        }
        catch (Exception e)   // a result whose ToString throws, or loops past the budget
        {
            reply = new RunReply { Graphs = Graphs(globals.Shown, null) };
            failure ??= Failure(e, assembly);
        }
        string text = console.Text;
        if (console.Cut) text += $"\n[… {ConsoleCapture.MaxChars:N0}+]";
        return reply with
        {
            Console = text, Failure = failure, Check = check,
            CompileMs = compileTime.TotalMilliseconds, RunMs = clock.Elapsed.TotalMilliseconds,
        };
    }

    /// <summary>Every shown value, then the last expression's value (or values) when not shown already.</summary>
    private static List<GraphData> Graphs(IReadOnlyList<Value> shown, object? result)
    {
        var roots = new List<Value>(shown);
        IEnumerable<Value> last = result switch
        {
            Value v => [v],
            IEnumerable<Value> values => values.Take(MaxGraphs),
            _ => [],
        };
        foreach (Value v in last)
            if (v is not null && !roots.Contains(v)) roots.Add(v);
        return roots.Take(MaxGraphs).Select(GraphData.Of).ToList();
    }

    /// <summary>The last expression as text when it is not a value: a number, or a list of numbers.</summary>
    private static string? ResultText(object? result)
    {
        switch (result)
        {
            case null or Value or IEnumerable<Value>: return null;
            case string s: return s;
            case IEnumerable items:
                var parts = new List<string>();
                foreach (object? item in items)
                {
                    if (parts.Count == 100) { parts.Add("…"); break; }
                    parts.Add(Convert.ToString(item, CultureInfo.InvariantCulture) ?? "null");
                }
                return "[" + string.Join(", ", parts) + "]";
            default: return Convert.ToString(result, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>An exception as data; where it came from decides whether its message is the learner's own words.</summary>
    private static RunFailure Failure(Exception e, Assembly? snippet)
    {
        if (e is BudgetExceededException budget) return new RunFailure(RunFailureKind.Budget, Budget: budget.Kind);
        // Thrown by a `throw` in the snippet itself (its first frame is the snippet's), rather than by the runtime or
        // the library on the snippet's behalf.
        Assembly? thrower = new StackTrace(e, fNeedFileInfo: false).GetFrame(0)?.GetMethod()?.DeclaringType?.Assembly;
        bool fromSnippet = thrower is not null && (thrower == snippet || (snippet is null && thrower == typeof(SnippetRunner).Assembly));
        return new RunFailure(RunFailureKind.Exception, e.GetType().FullName, e.Message, (e as ArgumentException)?.ParamName, fromSnippet);
    }
}

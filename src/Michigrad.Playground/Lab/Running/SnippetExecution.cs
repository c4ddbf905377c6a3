using System.Collections;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// Runs a snippet's entry (compiled, or a precompiled twin) under a <see cref="Budget"/> with its console captured, and
/// turns everything it left into a <see cref="RunReply"/>: its graphs, its last value, its output, and every exception
/// it threw or limit it passed as a <see cref="RunFailure"/>. Nothing here needs the compiler, so the page runs its
/// examples' twins with it without loading Roslyn.
/// </summary>
public static class SnippetExecution
{
    /// <summary>The most graphs one run returns.</summary>
    public const int MaxGraphs = 20;

    /// <summary>Runs the precompiled twin of <paramref name="request"/>'s code (<see cref="PrecompiledSnippets"/>), or
    /// returns null when it has none (or names a check, which needs the learner's compiled code).</summary>
    public static RunReply? RunTwin(RunRequest request, BudgetLimits limits)
    {
        if (request.Check is not null || PrecompiledSnippets.Find(request.Code) is not { } twin) return null;
        return Execute(globals => Task.FromResult(twin(globals)), null, request, TimeSpan.Zero, limits);
    }

    internal static RunReply Execute(Func<ScriptGlobals, Task<object?>> entry, Assembly? assembly, RunRequest request, TimeSpan compileTime,
        BudgetLimits limits)
    {
        var clock = Stopwatch.StartNew();
        var globals = new ScriptGlobals();
        object? result = null;
        RunFailure? failure = null;
        CheckReport? check = null;
        List<Value> roots = [];
        Dictionary<Value, string> names = [];
        string? resultText = null;
        using var console = new ConsoleCapture();
        using (Budget.Start(limits))
        {
            try
            {
                Task<object?> task = entry(globals);
                // A run is synchronous (a browser thread cannot block on a task): a snippet that awaits something
                // unfinished cannot end here.
                if (!task.IsCompleted) failure = new RunFailure(RunFailureKind.Await);
                else result = task.GetAwaiter().GetResult();
                if (failure is null && request.Check is { } key)
                    check = ExerciseChecks.ByName(key).Check(assembly!, result);
            }
            catch (Exception e)
            {
                failure = Failure(e is TargetInvocationException { InnerException: { } inner } ? inner : e, assembly);
            }
            // What the reply reads from the script's objects may run the snippet's own code (a result's ToString or
            // enumerator, a module's NamedParameters): it runs here, still under the budget, and a failure in it costs
            // only its own part of the reply.
            roots = Guarded(() => Roots(globals, result), ref failure, assembly) ?? Roots(globals, null);
            resultText = Guarded<string>(() => ResultText(result), ref failure, assembly);
            // Names are a courtesy: a module whose NamedParameters throws leaves the graph unnamed, not the run failed;
            // one that loops has spent the run's budget, which the reply says.
            try
            {
                names = ModelParameterNames.Of(globals.Script);
            }
            catch (Exception e)
            {
                if (e is BudgetExceededException) failure ??= Failure(e, assembly);
            }
        }
        var reply = new RunReply { Graphs = roots.Select(root => GraphData.Of(root, names)).ToList(), Result = resultText };
        string text = console.Text;
        if (console.Cut) text += $"\n[… {ConsoleCapture.MaxChars:N0}+]";
        return reply with
        {
            Console = text, Failure = failure, Check = check,
            CompileMs = compileTime.TotalMilliseconds, RunMs = clock.Elapsed.TotalMilliseconds,
        };
    }

    /// <summary>Every shown value, then the last expression's value (or values) when not shown already.</summary>
    private static List<Value> Roots(ScriptGlobals globals, object? result)
    {
        var roots = new List<Value>(globals.Shown);
        IEnumerable<Value> last = result switch
        {
            Value v => [v],
            IEnumerable<Value> values => values.Take(MaxGraphs),
            _ => [],
        };
        foreach (Value v in last)
            if (v is not null && !roots.Contains(v)) roots.Add(v);
        return roots.Take(MaxGraphs).ToList();
    }

    /// <summary><paramref name="read"/>'s answer, or default when it throws (or passes the budget): the first such
    /// failure of the run is kept in <paramref name="failure"/>.</summary>
    private static T? Guarded<T>(Func<T?> read, ref RunFailure? failure, Assembly? assembly) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e)
        {
            failure ??= Failure(e, assembly);
            return null;
        }
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
        bool fromSnippet = thrower is not null && (thrower == snippet || (snippet is null && thrower == typeof(SnippetExecution).Assembly));
        string message = e.Message;
        string? param = (e as ArgumentException)?.ParamName;
        if (param is not null)
        {
            // The parameter travels apart: drop the sentence an ArgumentException adds about it (English, or its key).
            foreach (string suffix in new[] { $" (Parameter '{param}')", $" Arg_ParamName_Name, {param}" })
                if (message.EndsWith(suffix, StringComparison.Ordinal)) message = message[..^suffix.Length];
        }
        return new RunFailure(RunFailureKind.Exception, e.GetType().FullName, message, param, fromSnippet);
    }
}

using Michigrad.Playground.Lab.Running;
using Michigrad.Playground.Lessons.Checking;
using Michigrad.Playground.Shell;

namespace Michigrad.Playground.Lessons;

/// <summary>Checks exercises with the page's <see cref="PlaygroundRunner"/>: the learner's code and its check run in
/// the runner's web worker, under the same budget as the graph lab's code, and only the report comes back.</summary>
public sealed class WorkerExerciseRunner(PlaygroundRunner runner) : IExerciseRunner
{
    /// <inheritdoc/>
    public async Task<CheckReport> CheckAsync(string code, string check, string language)
    {
        RunReply reply = await runner.RunAsync(new RunRequest(code, language, check));
        return Report(reply, language);
    }

    /// <summary>The check's report, or one that says why the run ended before the check could speak.</summary>
    internal static CheckReport Report(RunReply reply, string language)
    {
        if (reply.Errors.Count > 0)
            return new CheckReport { Outcome = CheckOutcome.CompileError, Detail = string.Join("\n", reply.Errors.Select(e => $"{Text.Get("line", language)} {e.Line}, col {e.Column}: {e.Id} {CompilerText.Message(e, language)}")) };
        if (reply.Failure is { } failure)
            return new CheckReport { Outcome = CheckOutcome.Threw, Detail = ErrorText.Of(failure, language) };
        return reply.Check ?? new CheckReport { Outcome = CheckOutcome.NoResult };
    }
}

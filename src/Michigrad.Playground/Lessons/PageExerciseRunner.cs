using Michigrad.Playground.Lab;
using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Lessons;

/// <summary>Checks exercises on the page's own thread, with the graph lab's <see cref="SnippetRunner"/>.</summary>
public sealed class PageExerciseRunner(SnippetRunner runner) : IExerciseRunner
{
    /// <inheritdoc/>
    public async Task<CheckReport> CheckAsync(string code, string check)
    {
        ExerciseCheck exercise = ExerciseChecks.ByName(check);
        await runner.WhenWarmAsync();
        SnippetResult result = runner.Run(code);
        if (result.Errors.Count > 0)
            return new CheckReport { Outcome = CheckOutcome.CompileError, Detail = string.Join("\n", result.Errors) };
        if (result.Exception is { } thrown)
            return new CheckReport { Outcome = CheckOutcome.Threw, Detail = $"{thrown.GetType().Name}: {thrown.Message}" };
        return exercise.Check(result.Compiled!, result.ReturnValue);
    }
}

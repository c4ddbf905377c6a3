using Michigrad.Playground.Lab.Running;
using Michigrad.Playground.Lessons;
using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Tests.Lessons;

/// <summary>Checks an exercise as the page does (the code, then its check, in one run of the runner; the report the page
/// reads), on this thread.</summary>
internal static class ExerciseRun
{
    public static Task<CheckReport> CheckAsync(SnippetRunner runner, string code, string check, string language = "en") =>
        Task.FromResult(WorkerExerciseRunner.Report(runner.Run(new RunRequest(code, language, check)), language));
}

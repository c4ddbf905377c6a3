using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Lessons;

/// <summary>
/// Runs a learner's exercise code and its check wherever code runs, and brings back only the report. The page knows
/// no more than this, so moving learner code elsewhere (a worker) changes the implementation, not the page.
/// </summary>
public interface IExerciseRunner
{
    /// <summary>Compiles and runs <paramref name="code"/>, then the check called <paramref name="check"/> on it.</summary>
    /// <returns>The check's report; compile errors and exceptions are reports too.</returns>
    Task<CheckReport> CheckAsync(string code, string check);
}

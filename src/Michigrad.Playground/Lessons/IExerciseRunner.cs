using Michigrad.Playground.Lessons.Checking;

namespace Michigrad.Playground.Lessons;

/// <summary>
/// Runs a learner's exercise code and its check wherever code runs, and brings back only the report. The page knows
/// no more than this, so where learner code runs (a web worker, or a test's own thread) is the implementation's
/// business.
/// </summary>
public interface IExerciseRunner
{
    /// <summary>Compiles and runs <paramref name="code"/>, then the check called <paramref name="check"/> on it.</summary>
    /// <param name="code">The learner's code.</param>
    /// <param name="check">The name of one of <see cref="ExerciseChecks.All"/>.</param>
    /// <param name="language">"es" or "en": a run that fails before the check (a limit passed, an exception) is
    /// described in it.</param>
    /// <returns>The check's report; compile errors and failed runs are reports too.</returns>
    Task<CheckReport> CheckAsync(string code, string check, string language);
}

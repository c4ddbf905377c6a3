using System.Reflection;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>
/// Checks one exercise: it takes the learner's compiled code and the value its last expression gave, drives the
/// learner's classes against Michigrad, and returns a <see cref="CheckReport"/>. It runs where the learner's code
/// ran and sends back only the report.
/// </summary>
public abstract class ExerciseCheck
{
    /// <summary>The check's name, by which a lesson asks for it.</summary>
    public abstract string Name { get; }

    /// <summary>Checks the learner's code.</summary>
    /// <param name="compiled">The assembly the learner's code compiled to (their classes are in it).</param>
    /// <param name="result">The value of the code's last expression, if it had one.</param>
    public CheckReport Check(Assembly compiled, object? result)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        try
        {
            return Run(compiled, result);
        }
        catch (MissingPartException e)
        {
            return new CheckReport { Outcome = CheckOutcome.Missing, Detail = e.Signature };
        }
        catch (LearnerCodeException e)
        {
            return new CheckReport { Outcome = CheckOutcome.Threw, Detail = e.Describe() };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidCastException or NullReferenceException
                                      or IndexOutOfRangeException or TargetException or MethodAccessException)
        {
            // The learner's objects made the library or reflection throw (a model of the wrong width, a member of an
            // unexpected shape): a report, never an error on the page.
            return new CheckReport { Outcome = CheckOutcome.Threw, Detail = $"{e.GetType().Name}: {e.Message}" };
        }
    }

    /// <summary>The check itself; a <see cref="MissingPartException"/> or <see cref="LearnerCodeException"/> it lets
    /// out becomes the report's outcome.</summary>
    protected abstract CheckReport Run(Assembly compiled, object? result);
}

using System.Reflection;

namespace Michigrad.Playground.Lessons.Checking;

/// <summary>An exception the learner's code threw while a check drove it, kept as the inner exception.</summary>
public sealed class LearnerCodeException(Exception thrown) : Exception(thrown.Message, thrown)
{
    /// <summary>The exception as the check reports it: its type and message.</summary>
    public string Describe() => $"{InnerException!.GetType().Name}: {InnerException.Message}";

    /// <summary>Calls <paramref name="method"/> of the learner's code; whatever it throws comes out as a
    /// <see cref="LearnerCodeException"/>.</summary>
    public static object? Invoke(MethodBase method, object? target, object?[] arguments)
    {
        try
        {
            return method is ConstructorInfo constructor ? constructor.Invoke(arguments) : method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw Unwrap(e);
        }
    }

    /// <summary>What to throw for an exception of the learner's code that reflection wrapped: a
    /// <see cref="LearnerCodeException"/>, except the budget's own exception, which passes through as it is, so that a
    /// loop without end in the learner's code ends the run (and says so) rather than becoming the check's report.</summary>
    public static Exception Unwrap(TargetInvocationException e) =>
        e.InnerException is Lab.Running.BudgetExceededException budget ? budget : new LearnerCodeException(e.InnerException!);
}

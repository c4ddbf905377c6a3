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
            throw new LearnerCodeException(e.InnerException);
        }
    }
}

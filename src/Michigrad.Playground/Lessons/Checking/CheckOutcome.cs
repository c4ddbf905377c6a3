namespace Michigrad.Playground.Lessons.Checking;

/// <summary>What a check found: it passed, or the first thing that stopped it. The page words each outcome in the
/// learner's language from the fields of <see cref="CheckReport"/>.</summary>
public enum CheckOutcome
{
    /// <summary>Every case agreed with Michigrad.</summary>
    Passed,

    /// <summary>The code did not compile (<see cref="CheckReport.Detail"/> lists the errors).</summary>
    CompileError,

    /// <summary>The learner's code threw (<see cref="CheckReport.Detail"/>: the exception; where, if known).</summary>
    Threw,

    /// <summary>A class or member the exercise needs is missing (<see cref="CheckReport.Detail"/>: its C# signature).</summary>
    Missing,

    /// <summary>A forward value differs (<see cref="CheckReport.Node"/>, expected and actual numbers).</summary>
    Data,

    /// <summary>A gradient differs (<see cref="CheckReport.Node"/>, expected and actual numbers).</summary>
    Grad,

    /// <summary>A module's output differs from the library's (<see cref="CheckReport.Node"/>: which output).</summary>
    Output,

    /// <summary>A module lists a different number of parameters than the library's (<see cref="CheckReport.Node"/>:
    /// which module).</summary>
    ParameterCount,

    /// <summary>A module returns a different number of outputs than the library's.</summary>
    Width,

    /// <summary>A trained model still gets the data wrong (expected: the loss it should be under; actual: its loss;
    /// <see cref="CheckReport.Detail"/>: its predictions).</summary>
    Untrained,

    /// <summary>A training run's loss drifts from the library's at some step (<see cref="CheckReport.Node"/>).</summary>
    Training,

    /// <summary>The code does not end with what the check needs (<see cref="CheckReport.Detail"/>: what).</summary>
    NoResult,
}

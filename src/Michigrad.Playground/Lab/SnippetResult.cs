namespace Michigrad.Playground.Lab;

/// <summary>What running the editor's code gave: compile errors, or the values to draw, or the exception it threw.</summary>
public sealed class SnippetResult
{
    /// <summary>The compiler's errors; empty when the code compiled.</summary>
    public IReadOnlyList<CompileError> Errors { get; init; } = [];

    /// <summary>The values to draw: every <c>Show(v)</c>, then the last expression when it is a <see cref="Value"/>
    /// not already shown.</summary>
    public IReadOnlyList<Value> Values { get; init; } = [];

    /// <summary>The exception the code threw while running, if any.</summary>
    public Exception? Exception { get; init; }

    /// <summary>The value of the last expression when it is not a <see cref="Value"/> (a number, a list...).</summary>
    public object? ReturnValue { get; init; }

    /// <summary>The assembly the code compiled to, loaded (the classes it declares are in it), when it ran to the end.</summary>
    public System.Reflection.Assembly? Compiled { get; init; }

    /// <summary>Time spent compiling (parse, bind, emit); zero when the code had been compiled ahead, while the
    /// learner was reading (see <see cref="SnippetRunner.WarmUpAsync"/>).</summary>
    public TimeSpan CompileTime { get; init; }

    /// <summary>Time spent loading the compiled code and running it.</summary>
    public TimeSpan RunTime { get; init; }

    /// <summary>Whether the code compiled and ran to the end.</summary>
    public bool Succeeded => Errors.Count == 0 && Exception is null;
}

namespace Michigrad.Playground.Lab;

/// <summary>The editor's code compiled to an in-memory assembly (or the errors that stopped it), ready to run.</summary>
internal sealed class CompiledSnippet
{
    /// <summary>The code it was compiled from.</summary>
    public required string Code { get; init; }

    /// <summary>The emitted assembly; empty when there were errors.</summary>
    public byte[] Image { get; init; } = [];

    /// <summary>The script class and its factory method, by metadata name.</summary>
    public string TypeName { get; init; } = "";

    /// <inheritdoc cref="TypeName"/>
    public string FactoryName { get; init; } = "";

    /// <summary>The compiler's errors; empty when the code compiled.</summary>
    public IReadOnlyList<CompileError> Errors { get; init; } = [];

    /// <summary>Time spent compiling (parse, bind, emit).</summary>
    public TimeSpan CompileTime { get; init; }
}

namespace Michigrad.Playground.Lab.Running;

/// <summary>What code typed in the graph lab can call besides the library: <c>Show(L)</c> draws a value's graph.</summary>
public sealed class ScriptGlobals
{
    private readonly List<Value> _shown = new();

    /// <summary>The values passed to <see cref="Show"/>, in order.</summary>
    public IReadOnlyList<Value> Shown => _shown;

    /// <summary>The script's submission object once it has run, whose fields are its top-level variables (the models
    /// whose parameters name the graph's nodes, <see cref="ModelParameterNames"/>); null for a precompiled twin.</summary>
    internal object? Script { get; set; }

    /// <summary>Draws the graph of <paramref name="value"/> under the editor.</summary>
    /// <param name="value">The value whose computation is drawn.</param>
    /// <returns>The same value, so <c>Show(a * b)</c> can sit inside an expression.</returns>
    public Value Show(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _shown.Add(value);
        return value;
    }
}

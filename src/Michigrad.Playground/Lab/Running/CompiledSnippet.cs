using System.Reflection;

namespace Michigrad.Playground.Lab.Running;

/// <summary>The editor's code compiled to an in-memory assembly (or the errors that stopped it), ready to run.</summary>
internal sealed class CompiledSnippet
{
    /// <summary>The emitted assembly; empty when there were errors.</summary>
    public byte[] Image { get; init; } = [];

    /// <summary>The script class and its factory method, by metadata name.</summary>
    public string TypeName { get; init; } = "";

    /// <inheritdoc cref="TypeName"/>
    public string FactoryName { get; init; } = "";

    /// <summary>The compiler's errors; empty when the code compiled.</summary>
    public IReadOnlyList<CompileError> Errors { get; init; } = [];

    /// <summary>Time spent compiling (parse, rewrite, bind, emit).</summary>
    public TimeSpan CompileTime { get; init; }

    /// <summary>Loads a fresh copy of the assembly (so two runs of one image are independent) and returns its entry:
    /// the script's factory, which takes the submission array whose slot 0 holds the globals object; the globals keep the
    /// submission (<see cref="ScriptGlobals.Script"/>).</summary>
    public (Assembly Assembly, Func<ScriptGlobals, Task<object?>> Entry) Load()
    {
        Assembly assembly = Assembly.Load(Image);
        Type type = assembly.GetType(TypeName, throwOnError: true)!;
        MethodInfo factory = type.GetMethod(FactoryName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
        return (assembly, globals =>
        {
            // The submission's constructor puts itself in slot 1 before the code runs: its fields are the script's
            // top-level variables (ScriptGlobals.Script).
            var submission = new object?[] { globals, null };
            try { return (Task<object?>)factory.Invoke(null, [submission])!; }
            finally { globals.Script = submission[1]; }
        });
    }
}

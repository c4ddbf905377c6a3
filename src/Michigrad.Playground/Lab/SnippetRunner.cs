using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Reflection.Metadata;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Michigrad.Playground.Lab;

/// <summary>
/// Compiles and runs C# typed in the graph lab, in the browser: Roslyn compiles it as a script (so the last
/// expression is its result, as in a notebook cell) against the metadata of the assemblies already loaded, emits it
/// to memory and loads it. Nothing is fetched over the network and no file is written.
/// </summary>
public sealed class SnippetRunner
{
    /// <summary>The namespaces every snippet sees without a <c>using</c>.</summary>
    public static readonly string[] Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "Michigrad", "Michigrad.NN", "Michigrad.Losses",
        "Michigrad.Optim", "Michigrad.Data", "Michigrad.Autograd",
    ];

    // Assemblies user code is likely to need, loaded up front so their metadata can be referenced.
    private static readonly string[] Preload = ["System.Runtime", "System.Linq", "System.Collections", "netstandard"];

    private ImmutableArray<MetadataReference> _references;
    private int _submission;

    /// <summary>Compiles and runs <paramref name="code"/>.</summary>
    /// <param name="code">C# statements; the last line may be an expression without a semicolon.</param>
    /// <returns>The errors, or the values to draw.</returns>
    public SnippetResult Run(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var clock = Stopwatch.StartNew();
        CSharpCompilation compilation = CSharpCompilation.CreateScriptCompilation(
            $"Snippet{++_submission}",
            CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)),
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: Imports,
                optimizationLevel: OptimizationLevel.Release, concurrentBuild: false),
            globalsType: typeof(ScriptGlobals));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        TimeSpan compileTime = clock.Elapsed;
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d =>
                {
                    var span = d.Location.GetLineSpan().StartLinePosition;
                    return new CompileError(span.Line + 1, span.Character + 1, d.Id, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
                })
                .ToList();
            return new SnippetResult { Errors = errors, CompileTime = compileTime };
        }

        var globals = new ScriptGlobals();
        object? result;
        try
        {
            Assembly assembly = Assembly.Load(image.ToArray());
            IMethodSymbol entry = compilation.GetEntryPoint(CancellationToken.None)
                ?? throw new InvalidOperationException("The compiled snippet has no entry point.");
            Type type = assembly.GetType(entry.ContainingType.MetadataName, throwOnError: true)!;
            MethodInfo factory = type.GetMethod(entry.MetadataName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
            // A script's factory takes the submission array: slot 0 holds the globals object.
            var task = (Task<object?>)factory.Invoke(null, [new object?[] { globals, null }])!;
            // The snippet has no await of its own, so its task is already finished; a browser cannot block on one.
            if (!task.IsCompleted)
                throw new InvalidOperationException("The snippet did not finish synchronously (await is not supported here).");
            result = task.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            Exception thrown = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            return new SnippetResult { Exception = thrown, Values = globals.Shown, CompileTime = compileTime };
        }

        var values = new List<Value>(globals.Shown);
        if (result is Value last && !values.Contains(last)) values.Add(last);
        return new SnippetResult
        {
            Values = values,
            ReturnValue = result is Value ? null : result,
            CompileTime = compileTime,
        };
    }

    /// <summary>Compiles a tiny snippet once, so the compiler's first, slow start happens while the learner reads the
    /// page rather than after pressing Run. Each part yields to the browser in between.</summary>
    public async Task WarmUpAsync()
    {
        if (_warmedUp) return;
        _warmedUp = true;
        await Task.Delay(300);
        if (_submission > 0) return;   // the learner ran code already
        References();
        await Task.Delay(1);
        if (_submission == 0) Run("var warm = new Value(1.0) * 2.0;");
    }

    private bool _warmedUp;

    /// <summary>References to every loaded assembly, built once from the metadata already in memory.</summary>
    private ImmutableArray<MetadataReference> References()
    {
        if (!_references.IsDefault) return _references;
        foreach (string name in Preload)
        {
            try { Assembly.Load(name); }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { }
        }
        _ = typeof(Value).Assembly;
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (Assembly assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic || assembly.GetName().Name?.StartsWith("Snippet", StringComparison.Ordinal) == true) continue;
            if (ReferenceFor(assembly) is { } reference) references.Add(reference);
        }
        _references = references.ToImmutable();
        return _references;
    }

    private static unsafe MetadataReference? ReferenceFor(Assembly assembly)
    {
        if (!assembly.TryGetRawMetadata(out byte* blob, out int length)) return null;
        var module = ModuleMetadata.CreateFromMetadata((IntPtr)blob, length);
        return AssemblyMetadata.Create(module).GetReference();
    }
}

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
/// <remarks>
/// The compiler's first compilation in a page is slow (seconds: WebAssembly here interprets Roslyn, and each of its
/// methods is prepared the first time it runs), later ones are quick. <see cref="WarmUpAsync"/> pays that first
/// cost while the learner reads the page, on the code in the editor, and keeps the result for the first Run.
/// </remarks>
public sealed class SnippetRunner
{
    /// <summary>The namespaces every snippet sees without a <c>using</c>.</summary>
    public static readonly string[] Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "Michigrad", "Michigrad.NN", "Michigrad.Losses",
        "Michigrad.Optim", "Michigrad.Data", "Michigrad.Autograd",
    ];

    // What snippets compile against besides the library, the globals' assembly and the library's own references:
    // the core types, collections and LINQ. The compiler's and the page framework's assemblies are left out, so the
    // compiler has less metadata to read (a namespace such as System is merged over every reference).
    private static readonly string[] BaseReferences = ["System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Linq"];

    private ImmutableArray<MetadataReference> _references;
    private int _submission;
    private CompiledSnippet? _ahead;
    private Task? _warmUp;

    /// <summary>What the warm-up spent its time on (references, compile, run), for the page's timing line; empty
    /// until it has finished.</summary>
    public string WarmUpPhases { get; private set; } = "";

    /// <summary>Compiles and runs <paramref name="code"/>.</summary>
    /// <param name="code">C# statements; the last line may be an expression without a semicolon.</param>
    /// <returns>The errors, or the values to draw.</returns>
    public SnippetResult Run(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        bool ahead = _ahead is not null && _ahead.Code == code;
        CompiledSnippet compiled = ahead ? _ahead! : Compile(code);
        _ahead = null;
        // Code compiled ahead cost the learner no wait: its compile time is not theirs.
        return Execute(compiled, ahead ? TimeSpan.Zero : compiled.CompileTime);
    }

    /// <summary>
    /// Pays the compiler's slow first compilation while the learner reads the page: builds the references, compiles
    /// <paramref name="code"/> (the editor's code) and runs it once, each part in its own turn of the browser's
    /// event loop so the page stays responsive. A Run of the same code then only loads and runs it. Call it after the
    /// page's first paint; a second call does nothing.
    /// </summary>
    /// <param name="code">The code the learner is most likely to run first.</param>
    /// <returns>The warm-up's own run of the code (null when the learner ran something first), whose values the
    /// caller may draw off screen to warm the drawing code too.</returns>
    public Task<SnippetResult?> WarmUpAsync(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (_warmUp is not null) return Task.FromResult<SnippetResult?>(null);
        Task<SnippetResult?> warmUp = WarmUpCoreAsync(code);
        _warmUp = warmUp;
        return warmUp;
    }

    /// <summary>Waits for a warm-up under way (so a Run pressed meanwhile does not compile the same code twice).</summary>
    public Task WhenWarmAsync() => _warmUp ?? Task.CompletedTask;

    private async Task<SnippetResult?> WarmUpCoreAsync(string code)
    {
        var clock = Stopwatch.StartNew();
        References();
        TimeSpan references = clock.Elapsed;
        await Task.Yield();
        if (_submission > 0) return null;   // the learner ran code already
        clock.Restart();
        CompiledSnippet compiled = Compile(code);
        TimeSpan compile = clock.Elapsed;
        await Task.Yield();
        if (_submission > 1) return null;
        clock.Restart();
        SnippetResult result = Execute(compiled, compiled.CompileTime);
        if (compiled.Errors.Count == 0) _ahead = compiled;
        WarmUpPhases = FormattableString.Invariant(
            $"references {references.TotalSeconds:0.00} s, first compile {compile.TotalSeconds:0.00} s, run {clock.Elapsed.TotalSeconds:0.00} s");
        return result;
    }

    private CompiledSnippet Compile(string code)
    {
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
            return new CompiledSnippet { Code = code, Errors = errors, CompileTime = clock.Elapsed };
        }
        IMethodSymbol entry = compilation.GetEntryPoint(CancellationToken.None)
            ?? throw new InvalidOperationException("The compiled snippet has no entry point.");
        return new CompiledSnippet
        {
            Code = code,
            Image = image.ToArray(),
            TypeName = entry.ContainingType.MetadataName,
            FactoryName = entry.MetadataName,
            CompileTime = clock.Elapsed,
        };
    }

    private static SnippetResult Execute(CompiledSnippet compiled, TimeSpan compileTime)
    {
        if (compiled.Errors.Count > 0) return new SnippetResult { Errors = compiled.Errors, CompileTime = compileTime };
        var clock = Stopwatch.StartNew();
        var globals = new ScriptGlobals();
        object? result;
        Assembly? assembly = null;
        try
        {
            // Each load is a new assembly, so running the same image twice gives two independent runs.
            assembly = Assembly.Load(compiled.Image);
            Type type = assembly.GetType(compiled.TypeName, throwOnError: true)!;
            MethodInfo factory = type.GetMethod(compiled.FactoryName, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
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
            return new SnippetResult { Exception = thrown, Values = globals.Shown, CompileTime = compileTime, RunTime = clock.Elapsed };
        }

        var values = new List<Value>(globals.Shown);
        if (result is Value last && !values.Contains(last)) values.Add(last);
        return new SnippetResult
        {
            Values = values, ReturnValue = result is Value ? null : result, Compiled = assembly, CompileTime = compileTime,
            RunTime = clock.Elapsed,
        };
    }

    /// <summary>References to the assemblies snippets compile against, built once from the metadata already in
    /// memory: the core library, collections and LINQ, Michigrad and what it references, and the globals' assembly.</summary>
    private ImmutableArray<MetadataReference> References()
    {
        if (!_references.IsDefault) return _references;
        Assembly library = typeof(Value).Assembly;
        var names = new List<string>(BaseReferences);
        names.AddRange(library.GetReferencedAssemblies().Select(a => a.Name).OfType<string>());
        var assemblies = new List<Assembly> { library, typeof(ScriptGlobals).Assembly };
        foreach (string name in names.Distinct(StringComparer.Ordinal))
        {
            try { assemblies.Add(Assembly.Load(name)); }
            catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException) { }
        }
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (Assembly assembly in assemblies.Distinct())
            if (ReferenceFor(assembly) is { } reference) references.Add(reference);
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

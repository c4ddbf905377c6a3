using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// Compiles C# typed in the graph lab, in the browser: Roslyn compiles it as a script (so the last expression is its
/// result, as in a notebook cell) against the metadata of the assemblies already loaded, with the
/// <see cref="Budget"/>'s calls written in (<see cref="BudgetRewriter"/>), and emits it to memory. Nothing is
/// fetched over the network and no file is written.
/// </summary>
/// <remarks>The first compilation in a runtime is slow (seconds in the browser, where Roslyn is interpreted and each of
/// its methods is prepared on first use); later ones are quick.</remarks>
internal sealed class SnippetCompiler
{
    /// <summary>The namespaces every snippet sees without a <c>using</c>.</summary>
    public static readonly string[] Imports =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.Text", "Michigrad", "Michigrad.NN",
        "Michigrad.Losses", "Michigrad.Optim", "Michigrad.Data", "Michigrad.Autograd",
    ];

    // What snippets compile against besides the library, the globals' assembly and the library's own references:
    // the core types, collections, LINQ and the console. The compiler's and the page framework's assemblies are left
    // out, so the compiler has less metadata to read (a namespace such as System is merged over every reference).
    private static readonly string[] BaseReferences =
        ["System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Linq", "System.Console"];

    private ImmutableArray<MetadataReference> _references;
    private int _submission;

    /// <summary>Compiles <paramref name="code"/>; the errors' messages are in English (the page translates them).</summary>
    public CompiledSnippet Compile(string code)
    {
        var clock = Stopwatch.StartNew();
        var parse = new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script);
        SyntaxTree tree = CSharpSyntaxTree.ParseText(code, parse);
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: Imports,
            optimizationLevel: OptimizationLevel.Release, concurrentBuild: false);
        string name = $"Snippet{++_submission}";
        CSharpCompilation compilation = CSharpCompilation.CreateScriptCompilation(
            name, BudgetRewriter.Rewrite(tree), References(), options, globalsType: typeof(ScriptGlobals));

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            // Positions as the learner wrote the code: the errors of the tree before the budget's calls went in
            // (the same errors, unless the rewrite itself broke something, whose errors are then shown).
            IEnumerable<Diagnostic> diagnostics = CSharpCompilation.CreateScriptCompilation(
                    name, tree, References(), options, globalsType: typeof(ScriptGlobals)).GetDiagnostics();
            if (!diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)) diagnostics = emitted.Diagnostics;
            var errors = diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d =>
                {
                    var span = d.Location.GetLineSpan().StartLinePosition;
                    return new CompileError(span.Line + 1, span.Character + 1, d.Id, d.GetMessage(CultureInfo.InvariantCulture));
                })
                .ToList();
            return new CompiledSnippet { Errors = errors, CompileTime = clock.Elapsed };
        }
        IMethodSymbol entry = compilation.GetEntryPoint(CancellationToken.None)
            ?? throw new InvalidOperationException("The compiled snippet has no entry point.");
        return new CompiledSnippet
        {
            Image = image.ToArray(),
            TypeName = entry.ContainingType.MetadataName,
            FactoryName = entry.MetadataName,
            CompileTime = clock.Elapsed,
        };
    }

    /// <summary>References to the assemblies snippets compile against, built once from the metadata already in
    /// memory: the core library, collections, LINQ and the console, Michigrad and what it references, and the
    /// globals' assembly.</summary>
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

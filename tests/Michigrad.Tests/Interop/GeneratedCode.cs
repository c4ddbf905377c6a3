using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Michigrad.Tests.Interop;

/// <summary>Compiles a generated C# file with Roslyn against the base class library only, and loads it.</summary>
internal static class GeneratedCode
{
    public delegate double[] Predict(ReadOnlySpan<double> input);

    public delegate int PredictClass(ReadOnlySpan<double> input);

    public delegate string PredictClassName(ReadOnlySpan<double> input);

    private static readonly MetadataReference[] Framework =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name == "netstandard.dll" || name == "mscorlib.dll"))
            .Select(p => MetadataReference.CreateFromFile(p)),
    ];

    /// <summary>Compiles <paramref name="source"/> as a library, failing on any error or warning, and loads it.</summary>
    public static Assembly Compile(string source, LanguageVersion language = LanguageVersion.CSharp12)
    {
        var compilation = CSharpCompilation.Create(
            $"Generated{Guid.NewGuid():N}",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(language))],
            Framework,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error, optimizationLevel: OptimizationLevel.Release));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        string problems = string.Join("\n", result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.True(result.Success && problems.Length == 0, problems);
        image.Position = 0;
        return new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(image);
    }

    public static TDelegate Method<TDelegate>(Assembly assembly, string className, string name) where TDelegate : Delegate =>
        assembly.GetType(className)!.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<TDelegate>();

    public static T Field<T>(Assembly assembly, string className, string name) =>
        (T)assembly.GetType(className)!.GetField(name, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}

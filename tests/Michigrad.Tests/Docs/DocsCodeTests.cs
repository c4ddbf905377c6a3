using Michigrad.TestSupport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Michigrad.Tests.Docs;

/// <summary>
/// The C# of the READMEs and docs/*.md compiles against the library: each ```csharp block is a program of its own, as
/// a user pastes it into a new console app (its implicit usings on); a file-based app's <c>#:</c> directives are left
/// out. The Spanish README shows the English one's code, with comments in Spanish. (What the README's tour prints is
/// checked by tests/Michigrad.Examples.Tests, which runs it against the packed library.)
/// </summary>
public sealed class DocsCodeTests
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The base class library, the library, and ONNX Runtime (which a block of docs/interop.md uses).</summary>
    private static readonly MetadataReference[] References =
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"))
            .Select(p => MetadataReference.CreateFromFile(p)),
        MetadataReference.CreateFromFile(typeof(Value).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.Location),
    ];

    public static TheoryData<string, int> Blocks()
    {
        var blocks = new TheoryData<string, int>();
        foreach (string page in RepositoryDocs.Pages())
            foreach ((int line, _) in RepositoryDocs.Blocks(page, "csharp"))
                blocks.Add(page, line);
        return blocks;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void CSharpBlock_Compiles(string page, int line)
    {
        string code = RepositoryDocs.Blocks(page, "csharp").Single(b => b.Line == line).Code;

        IReadOnlyList<string> problems = Compile(code);

        Assert.True(problems.Count == 0, $"{page}:{line}: the C# block does not compile:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void Readmes_HaveCSharpToCompile()
    {
        foreach (string readme in RepositoryDocs.Readmes)
            Assert.NotEmpty(RepositoryDocs.Blocks(readme, "csharp"));
    }

    [Fact]
    public void CompileCheck_ReportsABrokenBlock()
    {
        Assert.NotEmpty(Compile("using Michigrad;\nvar x = new Value(2.0);\nx.Backwards();\n"));
        Assert.Empty(Compile("using Michigrad;\nvar x = new Value(2.0);\nx.Backward();\n"));
    }

    [Fact]
    public void SpanishReadme_ShowsTheEnglishCode_ApartFromComments()
    {
        string[][] english = [.. RepositoryDocs.Blocks("README.md", "csharp").Select(b => Tokens(b.Code))];
        string[][] spanish = [.. RepositoryDocs.Blocks("README.es.md", "csharp").Select(b => Tokens(b.Code))];

        Assert.Equal(english.Length, spanish.Length);
        for (int i = 0; i < english.Length; i++)
            Assert.Equal(english[i], spanish[i]);
    }

    /// <summary>The errors and warnings of compiling <paramref name="code"/> as a console app's only file.</summary>
    private static IReadOnlyList<string> Compile(string code)
    {
        string program = string.Join("\n", code.Split('\n').Select(l => l.StartsWith("#:", StringComparison.Ordinal) ? "" : l));
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var compilation = CSharpCompilation.Create(
            $"DocsBlock{Guid.NewGuid():N}",
            [CSharpSyntaxTree.ParseText(program, options, "Program.cs"), CSharpSyntaxTree.ParseText(ImplicitUsings, options, "GlobalUsings.cs")],
            References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        return
        [
            .. result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Id != "CS8019"))
                .Select(d => d.ToString()),
        ];
    }

    /// <summary>A block's tokens: its code without comments or layout.</summary>
    private static string[] Tokens(string code) => [.. SyntaxFactory.ParseTokens(code).Select(t => t.Text).Where(t => t.Length > 0)];
}

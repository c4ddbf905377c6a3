using Michigrad.Playground.Lab.Running;
using Michigrad.Playground.Shell;

namespace Michigrad.Playground.Tests.Shell;

// The compiler's real English messages (compiled here, as in the browser's worker) against the page's Spanish.
public sealed class CompilerTextTests
{
    private static readonly SnippetRunner Runner = new() { UsePrecompiled = false };

    [Theory]
    [InlineData("var a = nope;", "CS0103", "El nombre 'nope' no existe en el contexto actual")]
    [InlineData("var a = 1", "CS1002", "Se esperaba ;")]
    [InlineData("var v = new Value(1.0);\nv.Backwards();", "CS1061", "'Value' no contiene una definición para 'Backwards' ni un método de extensión accesible 'Backwards'")]
    [InlineData("int n = \"uno\";", "CS0029", "No se puede convertir implícitamente el tipo 'string' en 'int'")]
    [InlineData("var v = new Value();", "CS7036", "No se ha dado ningún argumento que corresponda al parámetro obligatorio 'data'")]
    [InlineData("Valor v = null;", "CS0246", "No se encontró el tipo o el espacio de nombres 'Valor'")]
    [InlineData("int F() { int n; return n; }", "CS0165", "Uso de la variable local no asignada 'n'")]
    [InlineData("var v = new Value(1.0);\nint n = v.Data;", "CS0266", "Existe una conversión explícita")]
    [InlineData("var v = new Value(1.0);\nvar w = v.Tanh(2);", "CS1501", "Ninguna sobrecarga del método 'Tanh' toma 1 argumentos")]
    public void TheCommonErrors_AreSaidInSpanish(string code, string id, string spanish)
    {
        CompileError error = Assert.Single(Runner.Run(new RunRequest(code, "es")).Errors, e => e.Id == id);

        Assert.Contains(spanish, CompilerText.Message(error, "es"));
        Assert.Equal(error.Message, CompilerText.Message(error, "en"));
    }

    [Fact]
    public void AnyOtherError_SaysItIsTheCompilersEnglish()
    {
        var error = new CompileError(1, 1, "CS9999", "Something new");

        Assert.Equal("(mensaje del compilador, en inglés) Something new", CompilerText.Message(error, "es"));
    }
}

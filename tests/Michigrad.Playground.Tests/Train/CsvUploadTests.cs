using System.Text.RegularExpressions;
using Michigrad.Data;
using Michigrad.Playground.Train;

namespace Michigrad.Playground.Tests.Train;

public sealed partial class CsvUploadTests
{
    [Theory]
    [InlineData("a,b,label\n1,2,x\n3,4,y\n5,6,x\n")]
    [InlineData("a;b;label\n1;2;x\n3;4;y\n5;6;x\n")]
    [InlineData("a\tb\tlabel\n1\t2\tx\n3\t4\ty\n5\t6\tx\n")]
    [InlineData("a|b|label\n1|2|x\n3|4|y\n5|6|x\n")]
    public void EveryDelimiterTheLibraryDetects_IsRead(string text)
    {
        (Dataset? data, TrainMessage? error) = CsvUpload.Load("points.csv", text, "label");

        Assert.Null(error);
        Assert.Equal((3, 2, 2), (data!.Count, data.FeatureCount, data.ClassCount));
        Assert.Equal([3.0, 4.0], data.Features[1]);
    }

    [Fact]
    public void ASemicolonFile_ReadsAsTheCliReadsIt()
    {
        const string text = "x1;x2;label\n0.5;1.5;a\n-1;2e-1;b\n";

        (Dataset? data, _) = CsvUpload.Load("d.csv", text, "label");

        Dataset cli = CsvDataset.Load(new StringReader(text), "label", CsvDataset.DetectDelimiter(text));
        Assert.Equal(cli.Features, data!.Features);
        Assert.Equal(cli.Labels, data.Labels);
    }

    public static TheoryData<string, string, string, string> Faults => new()
    {
        { "points.txt", "a,label\n1,x\n", "label", "El archivo debe terminar en .csv; se recibió «points.txt»." },
        { "p.csv", "a,label\n1,x\n", " ", "Escribe el nombre de la columna que tiene las etiquetas de «p.csv»." },
        { "p.csv", "a,b,label\n1,2,x\n", "nope", "p.csv: no hay ninguna columna de etiquetas «nope»; las columnas son 'a', 'b', 'label'." },
        { "p.csv", "a,b,label\n1,2,x\n3,4\n", "label", "p.csv, línea 3: se esperaban 3 campos, como en la cabecera, y hay 2." },
        { "p.csv", "a,label\n1,\n", "label", "p.csv, línea 2: la columna de etiquetas «label» está vacía." },
        { "p.csv", "a,label\n", "label", "p.csv, línea 2: hay cabecera pero ninguna fila de datos." },
        { "p.csv", "", "label", "p.csv, línea 1: el archivo está vacío; se esperaba una fila de cabecera con los nombres de las columnas." },
        { "p.csv", "a,,label\n1,2,x\n", "label", "p.csv, línea 1: la columna 2 de la cabecera no tiene nombre." },
        { "p.csv", "a,a,label\n1,2,x\n", "label", "p.csv, línea 1: el nombre de columna «a» aparece dos veces (columnas 1 y 2)." },
        { "p.csv", "label\nx\n", "label", "p.csv, línea 1: la única columna es la de etiquetas, «label»; hace falta al menos una columna de entrada." },
        { "p.csv", "a,b,label\n1, ,x\n", "label", "p.csv, línea 2: la columna «b» está vacía; cada entrada debe ser un número." },
        { "p.csv", "a,b,label\n1,abc,x\n", "label", "p.csv, línea 2: la columna «b» tiene «abc», que no es un número (usa punto decimal: 1.5)." },
        { "p.csv", "a,b,label\n1,NaN,x\n", "label", "p.csv, línea 2: la columna «b» tiene «NaN», que no es un número finito." },
        { "p.csv", "a,label\n\"1,x\n", "label", "p.csv, línea 2: el texto no es CSV válido aquí (¿unas comillas sin cerrar?)." },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void EveryFault_IsAMessageOfThePage_InSpanishWithNoEnglish(string name, string text, string target, string spanish)
    {
        (Dataset? data, TrainMessage? error) = CsvUpload.Load(name, text, target);

        Assert.Null(data);
        Assert.Equal(spanish, error!.In("es"));
        string english = error.In("en");
        Assert.NotEqual(spanish, english);
        Assert.DoesNotMatch(EnglishWords(), spanish);
    }

    [GeneratedRegex(@"\b(the|is|line|column|expected|found|empty|header|which|not|number|file|must|appears)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWords();
}

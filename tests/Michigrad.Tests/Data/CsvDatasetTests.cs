using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class CsvDatasetTests
{
    private static Dataset Read(string text, string label = "label") => CsvDataset.Load(new StringReader(text), label);

    private static CsvFormatException Rejects(string text, string label = "label") =>
        Assert.Throws<CsvFormatException>(() => Read(text, label));

    [Fact]
    public void Load_ReadsAFileWithStringLabels_SortingClassNamesOrdinally()
    {
        using var file = new TempCsvFile(
            "sepal,species,petal\n" +
            "5.1,setosa,1.4\n" +
            "7.0,versicolor,4.7\n" +
            "6.3,virginica,6.0\n" +
            "4.9,setosa,1.5\n");

        Dataset data = CsvDataset.Load(file.Path, "species");

        Assert.Equal(4, data.Count);
        Assert.Equal(2, data.FeatureCount);
        Assert.Equal(["sepal", "petal"], data.FeatureNames);
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal([0, 1, 2, 0], data.Labels);
        Assert.Equal([7.0, 4.7], data.Features[1]);
    }

    [Fact]
    public void Load_StringClassOrderDoesNotDependOnRowOrder()
    {
        Dataset data = Read("x,label\n1,dog\n2,cat\n3,dog\n");

        Assert.Equal(["cat", "dog"], data.ClassNames);
        Assert.Equal([1, 0, 1], data.Labels);
    }

    [Fact]
    public void Load_SortsIntegerLabelsNumerically_KeepingTheirText()
    {
        Dataset data = Read("x,y,label\n1,2,10\n3,4,-1\n5,6,2\n7,8,10\n");

        Assert.Equal(["-1", "2", "10"], data.ClassNames);   // numeric, not ordinal ("10" < "2")
        Assert.Equal([2, 0, 1, 2], data.Labels);
    }

    [Fact]
    public void Load_ZeroBasedIntegerLabelsKeepTheirNumbers()
    {
        Dataset data = Read("label,x\n1,0.5\n0,-0.5\n2,1e-3\n");

        Assert.Equal([1, 0, 2], data.Labels);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([0.5, -0.5, 0.001], data.Features.Select(r => r[0]));
    }

    [Fact]
    public void Load_HandlesQuotesCrLfSpacesAndBlankLines()
    {
        Dataset data = Read(
            "\"width, cm\",label\r\n" +
            " 1.5 ,\"big \"\"one\"\"\"\r\n" +
            "\r\n" +
            "-2.25, small\r\n");

        Assert.Equal(["width, cm"], data.FeatureNames);
        Assert.Equal(["big \"one\"", "small"], data.ClassNames);
        Assert.Equal([1.5, -2.25], data.Features.Select(r => r[0]));
    }

    [Fact]
    public void Load_UsesTheGivenDelimiter()
    {
        Dataset data = CsvDataset.Load(new StringReader("a;b;label\n1.5;2;yes\n"), "label", ';');

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal([1.5, 2.0], data.Features[0]);
    }

    [Fact]
    public void Load_ParsesNumbersWithTheInvariantCultureOnly()
    {
        var e = Rejects("a,label\n\"1,5\",x\n");
        Assert.Contains("column 'a' holds '1,5'", e.Message);
    }

    [Fact]
    public void Load_ReadsTabSeparatedTextWhenAsked()
    {
        Dataset data = CsvDataset.Load(new StringReader("a\tb\tlabel\n1\t2\tx\n"), "label", '\t');
        Assert.Equal([1.0, 2.0], data.Features[0]);
    }

    [Fact]
    public void Load_ReportsAWrongFieldCountWithItsLineNumber()
    {
        var e = Rejects("a,b,label\n1,2,x\n3,4,y\n5,6\n");

        Assert.Equal(4, e.LineNumber);
        Assert.StartsWith("Line 4:", e.Message);
        Assert.Contains("expected 3 fields", e.Message);
        Assert.Contains("found 2", e.Message);
    }

    [Fact]
    public void Load_ReportsTooManyFieldsToo()
    {
        var e = Rejects("a,b,label\n1,2,x,9\n");
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("found 4", e.Message);
    }

    [Fact]
    public void Load_ReportsANonNumericCellNamingColumnAndText()
    {
        var e = Rejects("a,b,label\n1,2,x\n3,abc,y\n");

        Assert.Equal(3, e.LineNumber);
        Assert.Equal("Line 3: column 'b' holds 'abc', which is not a number.", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void Load_ReportsNonFiniteCells(string cell)
    {
        var e = Rejects($"a,label\n1,x\n{cell},y\n");

        Assert.Equal(3, e.LineNumber);
        Assert.Contains($"column 'a' holds '{cell}', which is not a finite number", e.Message);
    }

    [Fact]
    public void Load_ReportsAnEmptyFeatureCell()
    {
        var e = Rejects("a,b,label\n1,,x\n");
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("column 'b' is empty", e.Message);
    }

    [Fact]
    public void Load_ReportsAnEmptyLabel()
    {
        var e = Rejects("a,label\n1,x\n2, \n");
        Assert.Equal(3, e.LineNumber);
        Assert.Contains("label column 'label' is empty", e.Message);
    }

    [Fact]
    public void Load_CountsPhysicalLines_ThroughBlankLinesAndQuotedLineBreaks()
    {
        var e = Rejects("a,label\n1,\"two\nlines\"\n\n2,x\nbad,y\n");

        Assert.Equal(6, e.LineNumber);
    }

    [Fact]
    public void Load_ReportsAnUnclosedQuoteAtTheLineWhereItsRecordStarts()
    {
        var e = Rejects("a,label\n1,x\n2,\"y\n3,z\n");

        Assert.Equal(3, e.LineNumber);
        Assert.IsAssignableFrom<FormatException>(e.InnerException);
    }

    [Fact]
    public void Load_ReportsAnUnclosedQuoteInTheFirstRowAtLineTwo()
    {
        Assert.Equal(2, Rejects("a,label\n1,\"x\n").LineNumber);
    }

    [Fact]
    public void Load_ReportsAnUnclosedQuoteInTheHeaderAtLineOne()
    {
        Assert.Equal(1, Rejects("a,\"label\n1,x\n").LineNumber);
    }

    [Fact]
    public void Load_TreatsHashLinesAsData_NotComments()
    {
        var e = Rejects("a,label\n#1,x\n");
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("'#1'", e.Message);
    }

    [Fact]
    public void Load_RejectsAnEmptyText()
    {
        var e = Rejects("");
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Load_RejectsAHeaderWithoutRows()
    {
        var e = Rejects("a,b,label\n");
        Assert.Equal(2, e.LineNumber);
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void Load_RejectsAHeaderFollowedOnlyByBlankLines()
    {
        var e = Rejects("a,label\n\n\n");
        Assert.Contains("no data rows", e.Message);
    }

    [Fact]
    public void Load_RejectsAMissingLabelColumn_ListingTheColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => Read("a,b,class\n1,2,x\n", "label"));

        Assert.Equal("labelColumn", e.ParamName);
        Assert.Contains("'label'", e.Message);
        Assert.Contains("'a', 'b', 'class'", e.Message);
    }

    [Fact]
    public void Load_RejectsDuplicateAndBlankColumnNames()
    {
        Assert.Contains("'a' appears twice", Rejects("a,b,a,label\n1,2,3,x\n").Message);
        Assert.Contains("column 2 of the header has no name", Rejects("a,,label\n1,2,x\n").Message);
        Assert.Equal(1, Rejects("\na,label\n1,x\n").LineNumber);
    }

    [Fact]
    public void Load_RejectsAFileWithOnlyTheLabelColumn()
    {
        var e = Rejects("label\nx\n");
        Assert.Equal(1, e.LineNumber);
        Assert.Contains("at least one feature column", e.Message);
    }

    [Fact]
    public void Load_RejectsAFileThatDoesNotExist_NamingIt()
    {
        string path = Path.Combine(Path.GetTempPath(), $"michigrad-missing-{Guid.NewGuid():N}.csv");

        var e = Assert.Throws<FileNotFoundException>(() => CsvDataset.Load(path, "label"));

        Assert.Equal(path, e.FileName);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Load_LeavesTheCallersReaderOpen()
    {
        var reader = new StringReader("a,label\n1,x\n");
        CsvDataset.Load(reader, "label");
        Assert.Equal(-1, reader.Peek());   // still usable: a disposed StringReader would throw
    }

    [Fact]
    public void Load_RejectsUnusableArguments()
    {
        Assert.Throws<ArgumentException>(() => Read("a,label\n1,x\n", " "));
        Assert.Throws<ArgumentException>(() => CsvDataset.Load(new StringReader("a,label\n1,x\n"), "label", '"'));
        Assert.Throws<ArgumentNullException>(() => CsvDataset.Load((TextReader)null!, "label"));
    }
}

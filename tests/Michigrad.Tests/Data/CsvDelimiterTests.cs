using Michigrad.Data;

namespace Michigrad.Tests.Data;

public class CsvDelimiterTests
{
    [Theory]
    [InlineData("a,b,label\n1,2,x\n", ',')]
    [InlineData("a;b;label\n1,5;2,5;x\n", ';')]
    [InlineData("a\tb\tlabel\n1\t2\tx\n", '\t')]
    [InlineData("a|b|label\n1|2|x\n", '|')]
    [InlineData("label\n1\n", ',')]
    [InlineData("", ',')]
    public void DetectDelimiter_PicksTheHeadersMostUsedDelimiter(string text, char expected) =>
        Assert.Equal(expected, CsvDataset.DetectDelimiter(text));

    [Fact]
    public void DetectDelimiter_IgnoresDelimitersInsideQuotes()
    {
        Assert.Equal(';', CsvDataset.DetectDelimiter("\"x,1\";\"y,2\";label\n0;0;a\n"));
    }

    [Fact]
    public void DetectDelimiter_ReadsOnlyTheHeaderLine()
    {
        // The data rows hold many commas (decimal commas); the header says ';'.
        Assert.Equal(';', CsvDataset.DetectDelimiter("a;label\r\n1,5;x\n2,5;y\n3,5;x\n"));
    }

    [Fact]
    public void DetectDelimiter_BreaksATieInFavourOfTheComma()
    {
        Assert.Equal(',', CsvDataset.DetectDelimiter("a,b;c\n"));
    }

    [Fact]
    public void DetectedDelimiter_LoadsASemicolonFile()
    {
        const string text = "a;b;label\n0.5;1;x\n1.5;2;y\n";

        Dataset data = CsvDataset.Load(new StringReader(text), "label", CsvDataset.DetectDelimiter(text));

        Assert.Equal((2, 2), (data.Count, data.FeatureCount));
        Assert.Equal([1.5, 2.0], data.Features[1]);
    }
}

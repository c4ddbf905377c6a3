using Michigrad.Interactive.Tests.TestSupport;

namespace Michigrad.Interactive.Tests.Notebooks;

public class NotebookLanguageTests
{
    [Fact]
    public void EnglishNotebook_NamesItsCheckInEnglish()
    {
        string text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "notebooks", "michigrad.en.ipynb"));

        Assert.DoesNotContain("Comprobar", text);
        Assert.Contains("static void Check(string what, double actual, double expected", text);
    }
}

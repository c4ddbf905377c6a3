using System.Text.RegularExpressions;
using Michigrad.TestSupport;

namespace Michigrad.Cli.Tests;

/// <summary>The READMEs' sample output of <c>michigrad train</c> is what today's tool prints.</summary>
public sealed class ReadmeTrainSampleTests
{
    private static readonly Regex Rate = new(@"\d+\.\d steps/s");

    public static TheoryData<string> Readmes() => [.. RepositoryDocs.Readmes];

    [Theory]
    [MemberData(nameof(Readmes))]
    public void ReadmeTrainSample_IsWhatTrainPrints_ApartFromTheTimings(string readme)
    {
        using var folder = new TempFolder();
        string[] sample = Sample(readme);

        CliRun run = CliRun.Of("train", "--out", folder.File("michigrad-out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(Normalized(sample), Normalized(run.Output.Replace(folder.Path + Path.DirectorySeparatorChar, "").Split('\n')));
    }

    [Theory]
    [MemberData(nameof(Readmes))]
    public void ReadmeTrainSample_TableTime_SplitsTheFirstStepFromTheRest(string readme)
    {
        // The table's time says what its speed leaves out, so a reader does not take start-up for the steps' speed.
        string time = Assert.Single(Sample(readme), line => line.Contains("│ time ", StringComparison.Ordinal));

        Assert.Matches(@"│ time +│ \d+\.\d s \(first step \d+\.\d\d s, then \d+\.\d steps/s\) +│", time);
    }

    /// <summary>The lines of the first ```text block after the README's train command.</summary>
    private static string[] Sample(string readme)
    {
        string text = RepositoryDocs.Read(readme);
        int command = text.IndexOf("dotnet run --project src/Michigrad.Cli -- train", StringComparison.Ordinal);
        Assert.True(command >= 0, $"{readme} does not give the train command");
        int start = text.IndexOf("```text\n", command, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{readme} has no ```text block after the train command");
        start += "```text\n".Length;
        int end = text.IndexOf("```", start, StringComparison.Ordinal);
        return text[start..end].Split('\n');
    }

    /// <summary>The text of each line without the table's frame, padding and timings.</summary>
    private static List<string> Normalized(IEnumerable<string> lines) =>
    [
        .. lines
            .Select(line => Regex.Replace(line, "[│╭╮╰╯─┬┴┼├┤]", " "))
            .Select(line => Rate.Replace(line, "N steps/s"))
            .Select(line => Regex.Replace(line, @"\d+\.\d+ s\b", "N s"))
            .Select(line => Regex.Replace(line, @"\s+", " ").Trim())
            .Where(line => line.Length > 0),
    ];
}

using System.Text.RegularExpressions;

namespace Michigrad.Cli.Tests;

/// <summary>The README's sample output of <c>michigrad train</c> is what today's tool prints.</summary>
public sealed class ReadmeTrainSampleTests
{
    private static readonly Regex Rate = new(@"\d+\.\d steps/s");

    [Fact]
    public void ReadmeTrainSample_IsWhatTrainPrints_ApartFromTheTimings()
    {
        using var folder = new TempFolder();
        string[] sample = Sample();

        CliRun run = CliRun.Of("train", "--out", folder.File("michigrad-out"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(Normalized(sample), Normalized(run.Output.Replace(folder.Path + Path.DirectorySeparatorChar, "").Split('\n')));
    }

    [Fact]
    public void ReadmeTrainSample_LastStepLineAndTable_ShowTheSameRate()
    {
        // Both come from one clock at the end of the run, so a sample mixing runs shows two rates.
        string[] sample = Sample();
        string last = Assert.Single(sample, line => line.EndsWith("(the saved model)", StringComparison.Ordinal));
        string time = Assert.Single(sample, line => line.Contains("│ time ", StringComparison.Ordinal));

        Assert.Equal(Rate.Match(last).Value, Rate.Match(time).Value);
    }

    /// <summary>The lines of the ```text block under the README's "Train a network in one command".</summary>
    private static string[] Sample()
    {
        string readme = File.ReadAllText(Path.Combine(Root(), "README.md")).ReplaceLineEndings("\n");
        int section = readme.IndexOf("## Train a network in one command", StringComparison.Ordinal);
        Assert.True(section >= 0, "the README has no 'Train a network in one command' section");
        int start = readme.IndexOf("```text\n", section, StringComparison.Ordinal) + "```text\n".Length;
        int end = readme.IndexOf("```", start, StringComparison.Ordinal);
        return readme[start..end].Split('\n');
    }

    /// <summary>The text of each line without the table's frame, padding and timings.</summary>
    private static List<string> Normalized(IEnumerable<string> lines) =>
    [
        .. lines
            .Select(line => Regex.Replace(line, "[│╭╮╰╯─┬┴┼├┤]", " "))
            .Select(line => Rate.Replace(line, "N steps/s"))
            .Select(line => Regex.Replace(line, @"\d+\.\d s \(", "N s ("))
            .Select(line => Regex.Replace(line, @"\s+", " ").Trim())
            .Where(line => line.Length > 0),
    ];

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Michigrad.slnx"))) return directory.FullName;
        throw new InvalidOperationException($"No Michigrad.slnx above {AppContext.BaseDirectory}.");
    }
}

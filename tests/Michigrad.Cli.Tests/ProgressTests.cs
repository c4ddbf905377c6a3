using Michigrad.NN;
using Spectre.Console.Testing;

namespace Michigrad.Cli.Tests;

/// <summary>Long work shows how far it has come on a terminal: bench's steps, predict's rows.</summary>
public sealed class ProgressTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Runs the command line on a console that is an interactive terminal, where progress is live.</summary>
    private static (int ExitCode, string Output, string Error) OnATerminal(params string[] args)
    {
        var console = new TestConsole().Width(160).Interactive().SupportsAnsi(true).EmitAnsiSequences();
        var error = new StringWriter();
        int code = MichigradCli.Run(args, console, error);
        return (code, console.Output, error.ToString());
    }

    [Fact]
    public void Bench_ShowsItsProgress()
    {
        (int code, string output, string error) = OnATerminal("bench", "--steps", "3", "--warmup", "1");

        Assert.True(code == 0, error);
        Assert.Contains("bench: the object graph, 1 + 3 steps", output);
        Assert.Contains("bench: the Trainer step, 1 + 3 steps", output);
        Assert.Contains("median ms/step", output);
    }

    [Fact]
    public void PredictInput_ShowsItsProgressAndGivesTheObjectGraphsClasses()
    {
        var rows = Enumerable.Range(0, 600).Select(i => $"{(i % 7 - 3) * 0.4},{(i % 5 - 2) * 0.5}");
        string input = _folder.Write("many.csv", "x0,x1\n" + string.Join('\n', rows) + "\n");
        string output = _folder.File("out.csv");

        (int code, string shown, string error) = OnATerminal("predict", "--model", trained.ModelPath, "--input", input, "--output", output);

        Assert.True(code == 0, error);
        Assert.Contains("predicting 600 rows", shown);
        // The compiled scorer's classes are the object graph's, row by row.
        Module model = Michigrad.Serialization.ModelFile.Load(trained.ModelPath);
        foreach (string line in File.ReadLines(output).Skip(1))
        {
            string[] cells = line.Split(',');
            double score = model.Forward(double.Parse(cells[0], System.Globalization.CultureInfo.InvariantCulture),
                double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture))[0].Data;
            Assert.Equal(score.ToString("R", System.Globalization.CultureInfo.InvariantCulture), cells[3]);
        }
    }
}

using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Cli.Tests;

public class InitOptionTests
{
    private static MLP TrainedBarely(TempFolder folder, params string[] init)
    {
        // A rate so small that the saved weights are the starting ones to many digits.
        CliRun run = CliRun.Of(["train", "--steps", "1", "--lr", "1e-12", "--l2", "0", "--out", folder.File("out"), .. init]);
        Assert.True(run.ExitCode == 0, run.Error);
        return Assert.IsType<MLP>(ModelFile.Load(folder.File("out/model.json")));
    }

    [Fact]
    public void FanIn_StartsTheMoonsModelWithinOneOverRootFanIn_WithBiases()
    {
        using var folder = new TempFolder();

        MLP model = TrainedBarely(folder, "--init", "fan-in");

        Layer first = model.Layers[0];
        Assert.All(first.Neurons.SelectMany(n => n.Weights), w => Assert.InRange(Math.Abs(w.Data), 0, 1 / Math.Sqrt(2) + 1e-9));
        Assert.Contains(first.Neurons, n => Math.Abs(n.Bias!.Data) > 1e-6);
        Assert.All(model.Layers[1].Neurons.SelectMany(n => n.Weights), w => Assert.InRange(Math.Abs(w.Data), 0, 0.25 + 1e-9));
    }

    [Fact]
    public void TheDefaultOnToyData_IsStillMicrogradsUniformWithZeroBiases()
    {
        using var folder = new TempFolder();

        MLP model = TrainedBarely(folder);

        Assert.Contains(model.Layers[1].Neurons.SelectMany(n => n.Weights), w => Math.Abs(w.Data) > 0.5);   // 256 draws of U(-1, 1)
        Assert.All(model.Layers.SelectMany(l => l.Neurons), n => Assert.True(Math.Abs(n.Bias!.Data) < 1e-9));
    }

    [Fact]
    public void AnUnknownInit_IsAUsageError()
    {
        CliRun run = CliRun.Of("train", "--init", "xavier");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("xavier", run.Error);
    }
}

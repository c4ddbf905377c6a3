using System.Text;
using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;
using Michigrad.TestSupport;

namespace Michigrad.Cli.Tests;

/// <summary>Model, weights and graph inputs: bounded before they are read, pipes read as streams, names cut for
/// Graphviz, and limits that are usage errors in the tool's words.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]   // device nodes and FIFOs are POSIX
public sealed class ReaderBoundsTests(TrainedModelFixture trained) : IClassFixture<TrainedModelFixture>, IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Predict_AModelFileLongerThanTheLimit_IsRefusedBeforeItIsRead()
    {
        string model = _folder.File("huge.json");
        using (var file = new FileStream(model, FileMode.CreateNew)) file.SetLength(700_000_000);   // sparse

        long before = GC.GetAllocatedBytesForCurrentThread();
        CliRun run = CliRun.Of("predict", "--model", model, "--x", "0,0");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        run.AssertUsageError("the file is 700,000,000 bytes, more than the 640,000,000 a model file may hold", "michigrad predict");
        Assert.True(allocated < 20_000_000, $"{allocated:N0} bytes allocated");
    }

    [Theory]
    [InlineData("predict")]
    [InlineData("import")]
    public void AModelThatIsAZeroDevice_IsRefusedAtItsFirstBytes(string command)
    {
        string zero = Nodes.CharacterDevice(_folder, "zero", minor: 5);
        string[] args = command == "predict"
            ? ["predict", "--model", zero, "--x", "0,0"]
            : ["import", "--weights", "w.safetensors", "--like", zero, "--out", _folder.File("new.json")];

        long before = GC.GetAllocatedBytesForCurrentThread();
        CliRun run = CliRun.Of(args);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        run.AssertUsageError("a model file is a JSON object", $"michigrad {command}");
        Assert.True(allocated < 20_000_000, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public async Task Import_WeightsFromAPipe_AreRead()
    {
        string weights = _folder.File("w.safetensors");
        Assert.Equal(0, CliRun.Of("export", "--model", trained.ModelPath, "--out", weights).ExitCode);
        string fifo = Nodes.Fifo(_folder, "piped.safetensors");
        Task feeding = Nodes.Feed(fifo, File.ReadAllBytes(weights));

        CliRun run = CliRun.Of("import", "--weights", fifo, "--like", trained.ModelPath, "--out", _folder.File("new.json"));

        await feeding.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(ModelFile.Load(trained.ModelPath).Parameters().Select(p => p.Data),
            ModelFile.Load(_folder.File("new.json")).Parameters().Select(p => p.Data));
    }

    [Theory]
    [InlineData("weight", "\\ud800")]   // an escaped lone surrogate, as long as the name it replaces
    [InlineData("bias", "bi\u00ffs")]     // U+00FF is written as the lone byte FF, which is not UTF-8
    public void Import_ATensorNameThatIsNotText_IsABadWeightsFileNamedAsSuch(string original, string name)
    {
        var model = new Linear(2, 1, seed: 1);
        string like = _folder.File("like.json");
        ModelFile.Save(model, like);
        string text = Encoding.Latin1.GetString(Safetensors.ToBytes(model));
        text = text.Replace($"\"{original}\"", $"\"{name}\"", StringComparison.Ordinal);
        string weights = _folder.File("bad.safetensors");
        File.WriteAllBytes(weights, Encoding.Latin1.GetBytes(text));

        CliRun.Of("import", "--weights", weights, "--like", like, "--out", _folder.File("new.json"))
            .AssertUsageError($"The weights file '{weights}': not a valid safetensors file for this model: a tensor name at byte", "michigrad import");
    }

    [Fact]
    public void Graph_MaxNodesPastWhatGraphvizLaysOut_IsRefusedWithAdvice()
    {
        CliRun.Of("graph", "--max-nodes", "100000", "--out", _folder.File("g.html"))
            .AssertUsageError("--max-nodes 100,000 is more than 5,000, the most nodes Graphviz lays out for .html", "michigrad graph");

        CliRun dot = CliRun.Of("graph", "--max-nodes", "100000", "--out", _folder.File("g.dot"));
        Assert.True(dot.ExitCode == 0, dot.Error);
    }

    [FactNeeding(ExternalTool.Graphviz)]
    public void Graph_AFeatureNameLongerThanGraphvizTakes_IsCutInTheBox()
    {
        string name = new('f', 20_000);
        string model = _folder.File("long.json");
        ModelFile.Save(new Linear(2, 1, seed: 1), model, new ModelMetadata { FeatureNames = [name, "b"] });

        CliRun dot = CliRun.Of("graph", "--model", model, "--x", "1,2", "--out", _folder.File("g.dot"));
        CliRun svg = CliRun.Of("graph", "--model", model, "--x", "1,2", "--out", _folder.File("g.svg"));

        Assert.True(dot.ExitCode == 0, dot.Error);
        Assert.True(svg.ExitCode == 0, svg.Error);
        string text = File.ReadAllText(_folder.File("g.dot"));
        Assert.Contains(new string('f', 99) + "…", text);
        Assert.DoesNotContain(new string('f', 100), text);
    }

    [Fact]
    public void Train_CheckpointEveryBeyondItsLimit_IsAUsageError() =>
        CliRun.Of("train", "--checkpoint-every", "922337203686", "--out", _folder.File("out"))
            .AssertUsageError("--checkpoint-every must be at most 1000000, got 922337203686.", "michigrad train");
}

using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Tests.Serialization;

public class ModelFileSaveTests
{
    /// <summary>A module a model file cannot describe.</summary>
    private sealed class Doubler : Module
    {
        public override int? InputSize => null;

        public override int? OutputSize => null;

        public override IReadOnlyList<Value> Forward(IReadOnlyList<Value> input) => [.. input.Select(x => x * 2)];
    }

    [Fact]
    public void Save_WritesOnlyTheTargetFile_LeavingNoTemporaryFile()
    {
        using var folder = new TempFolder();

        var model = new MLP(2, [4, 1]);
        ModelFile.Save(model, folder.File("model.json"));

        Assert.Equal(["model.json"], folder.FileNames());
        Assert.Equal(ModelFile.ToJson(model), File.ReadAllText(folder.File("model.json")));
    }

    [Fact]
    public void Save_ReplacesAnExistingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.json");
        File.WriteAllText(path, "old content that is longer than nothing");

        var model = new Linear(1, 1);
        ModelFile.Save(model, path);

        Assert.Equal(ModelFile.ToJson(model), File.ReadAllText(path));
        Assert.Equal(["model.json"], folder.FileNames());
    }

    [Fact]
    public void Save_ModuleTypeThatCannotBeSaved_ThrowsAndLeavesTheExistingFileUntouched()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.json");
        File.WriteAllText(path, "previous model");

        var e = Assert.Throws<NotSupportedException>(() =>
            ModelFile.Save(new Sequential(new Linear(2, 2), new Sequential(new Tanh(), new Doubler())), path));

        Assert.Contains("module 1.1 is a Doubler", e.Message);
        Assert.Contains("Sequential, Linear", e.Message);
        Assert.Equal("previous model", File.ReadAllText(path));
        Assert.Equal(["model.json"], folder.FileNames());
    }

    [Fact]
    public void Save_UnsupportedRootModule_SaysTheModelItselfCannotBeSaved()
    {
        var e = Assert.Throws<NotSupportedException>(() => ModelFile.ToJson(new Doubler()));

        Assert.Contains("it is a Doubler", e.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Save_NonFiniteParameter_ThrowsNamingItAndLeavesTheExistingFileUntouched(double bad)
    {
        using var folder = new TempFolder();
        string path = folder.File("model.json");
        File.WriteAllText(path, "previous model");
        var model = new Sequential(new Linear(2, 2), new Tanh());
        ((Linear)model[0]).Bias![1].Data = bad;

        var e = Assert.Throws<ArgumentException>(() => ModelFile.Save(model, path));

        Assert.Contains("\"0.bias[1]\"", e.Message);
        Assert.Contains("finite", e.Message);
        Assert.Equal("previous model", File.ReadAllText(path));
        Assert.Equal(["model.json"], folder.FileNames());
    }

    /// <summary>Models with no layer that has parameters, as a module and as the JSON a file would hold.</summary>
    public static TheoryData<string> ModelsWithoutAnOutputLayer => new() { "empty Sequential", "Tanh", "Sequential of ReLU" };

    private static (Module Model, string Json) WithoutAnOutputLayer(string name) => name switch
    {
        "empty Sequential" => (new Sequential(), """{ "type": "Sequential", "modules": [] }"""),
        "Tanh" => (new Tanh(), """{ "type": "Tanh" }"""),
        _ => (new Sequential(new ReLU(2)), """{ "type": "Sequential", "modules": [{ "type": "ReLU", "width": 2 }] }"""),
    };

    [Theory]
    [MemberData(nameof(ModelsWithoutAnOutputLayer))]
    public void Save_ModelWithoutAnOutputLayer_IsRefusedWithLoadsReasonAndWritesNothing(string name)
    {
        using var folder = new TempFolder();
        string path = folder.File("model.json");
        File.WriteAllText(path, "previous model");
        (Module model, string json) = WithoutAnOutputLayer(name);
        string loadReason = Assert.Throws<ModelFileException>(() => ModelFile.FromJson(
            $$"""{ "format": "michigrad-model", "version": 1, "model": {{json}}, "parameters": {} }""")).Reason;

        var e = Assert.Throws<ArgumentException>(() => ModelFile.Save(model, path));

        Assert.Equal("model", e.ParamName);
        Assert.StartsWith($"Cannot save the model: {loadReason}", e.Message);
        Assert.Contains("no output layer", e.Message);
        Assert.Equal("previous model", File.ReadAllText(path));
        Assert.Equal(["model.json"], folder.FileNames());
        Assert.Throws<ArgumentException>(() => ModelFile.ToJson(model));
    }

    [Fact]
    public void Save_AModelWhoseOnlyLayerIsASingleNeuron_IsAccepted()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.json");

        ModelFile.Save(new Sequential(new Neuron(2), new Tanh()), path);

        Assert.Equal(3, ModelFile.Load(path).Parameters().Count());   // two weights and a bias
    }

    [Fact]
    public void Save_IntoAMissingFolder_ThrowsDirectoryNotFound()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "no-such-folder", "model.json");

        var e = Assert.Throws<DirectoryNotFoundException>(() => ModelFile.Save(new Linear(1, 1), path));

        Assert.Contains("no-such-folder", e.Message);
    }

    [Fact]
    public void Save_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ModelFile.Save(null!, "model.json"));
        Assert.Throws<ArgumentNullException>(() => ModelFile.Save(new Linear(1, 1), null!));
        Assert.Throws<ArgumentException>(() => ModelFile.Save(new Linear(1, 1), ""));
    }
}

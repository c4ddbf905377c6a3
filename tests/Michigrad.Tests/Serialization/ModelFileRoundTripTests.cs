using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Tests.Serialization;

public class ModelFileRoundTripTests
{
    private static Module SaveAndLoad(Module model)
    {
        using var folder = new TempFolder();
        string path = folder.File("model.json");
        ModelFile.Save(model, path);
        return ModelFile.Load(path);
    }

    /// <summary>Moves every parameter away from its initial value, so a loader that forgot one would be caught.</summary>
    private static void Perturb(Module model, int seed)
    {
        var random = new Random(seed);
        foreach (Value p in model.Parameters()) p.Data += random.NextDouble() - 0.5;
    }

    [Fact]
    public void SaveLoad_SeedSequential_GivesIdenticalParametersAndOutputs()
    {
        var random = new Random(3);
        var model = new Sequential(new Linear(2, 4, random), new Linear(4, 4, random, bias: false), new Linear(4, 3, random), new Tanh(3));
        Perturb(model, 11);

        Module loaded = SaveAndLoad(model);

        Sequential sequential = Assert.IsType<Sequential>(loaded);
        Assert.Equal(4, sequential.Count);
        Assert.Equal("Sequential(Linear(2, 4), Linear(4, 4, bias: false), Linear(4, 3), Tanh(3))", loaded.ToString());
        Assert.Equal(2 * 4 + 4 + 4 * 4 + 4 * 3 + 3, loaded.ParameterCount);
        ModelAssert.SameParameters(model, loaded);
        ModelAssert.SameOutputs(model, loaded, ModelAssert.Inputs(2));
    }

    [Fact]
    public void SaveLoad_MLP_GivesIdenticalParametersAndOutputs()
    {
        var model = new MLP(2, [16, 16, 1], seed: 5);
        Perturb(model, 12);

        Module loaded = SaveAndLoad(model);

        MLP mlp = Assert.IsType<MLP>(loaded);
        Assert.Equal(337, mlp.ParameterCount);
        Assert.Equal(Activation.ReLU, mlp.HiddenActivation);
        ModelAssert.SameParameters(model, loaded);
        ModelAssert.SameOutputs(model, loaded, ModelAssert.Inputs(2));
    }

    [Fact]
    public void SaveLoad_MLPWithoutBiasAndTanhHiddenLayers_KeepsBothSettings()
    {
        var model = new MLP(3, [5, 2], bias: false, hiddenActivation: Activation.Tanh, seed: 1);

        MLP loaded = Assert.IsType<MLP>(SaveAndLoad(model));

        Assert.Equal(Activation.Tanh, loaded.HiddenActivation);
        Assert.All(loaded.Layers.SelectMany(l => l.Neurons), n => Assert.Null(n.Bias));
        Assert.Equal(Activation.None, loaded.Layers[^1].Activation);
        ModelAssert.SameParameters(model, loaded);
        ModelAssert.SameOutputs(model, loaded, ModelAssert.Inputs(3));
    }

    [Fact]
    public void SaveLoad_NestedSequentialsAndActivationsWithAndWithoutWidth_KeepTheirShape()
    {
        var random = new Random(9);
        var model = new Sequential(
            new Sequential(new Linear(3, 5, random), new ReLU()),
            new Linear(5, 4, random),
            new Sigmoid(4),
            new Sequential(),
            new Linear(4, 2, random, bias: false),
            new Tanh());
        Perturb(model, 13);

        Module loaded = SaveAndLoad(model);

        Assert.Equal(model.ToString(), loaded.ToString());
        Assert.Null(Assert.IsType<ReLU>(Assert.IsType<Sequential>(((Sequential)loaded)[0])[1]).Width);
        Assert.Equal(4, Assert.IsType<Sigmoid>(((Sequential)loaded)[2]).Width);
        ModelAssert.SameParameters(model, loaded);
        ModelAssert.SameOutputs(model, loaded, ModelAssert.Inputs(3));
    }

    [Fact]
    public void SaveLoad_LayerAndNeuronAlone_KeepActivationAndBias()
    {
        var layer = new Layer(3, 2, bias: false, activation: Activation.Sigmoid, seed: 4);
        var neuron = new Neuron(4, activation: Activation.None, seed: 6);
        Perturb(neuron, 14);

        Layer loadedLayer = Assert.IsType<Layer>(SaveAndLoad(layer));
        Neuron loadedNeuron = Assert.IsType<Neuron>(SaveAndLoad(neuron));

        Assert.Equal(Activation.Sigmoid, loadedLayer.Activation);
        Assert.Null(loadedLayer.Neurons[0].Bias);
        Assert.Equal(Activation.None, loadedNeuron.Activation);
        Assert.NotNull(loadedNeuron.Bias);
        ModelAssert.SameParameters(layer, loadedLayer);
        ModelAssert.SameParameters(neuron, loadedNeuron);
        ModelAssert.SameOutputs(layer, loadedLayer, ModelAssert.Inputs(3));
        ModelAssert.SameOutputs(neuron, loadedNeuron, ModelAssert.Inputs(4));
    }

    [Fact]
    public void SaveLoad_KeepsAwkwardDoublesBitForBit()
    {
        var model = new Linear(4, 2);
        double[] awkward = [0.1 + 0.2, 1.0 / 3, -0.0, double.Epsilon, double.MaxValue, -double.MinValue / 3, 1e-310, Math.PI, -2.5e-8, 123456789.123456789];
        Value[] parameters = [.. model.Parameters()];
        Assert.Equal(awkward.Length, parameters.Length);
        for (int k = 0; k < awkward.Length; k++) parameters[k].Data = awkward[k];

        Module loaded = SaveAndLoad(model);

        Assert.Equal(awkward.Select(BitConverter.DoubleToInt64Bits), loaded.Parameters().Select(p => BitConverter.DoubleToInt64Bits(p.Data)));
        Assert.True(double.IsNegative(loaded.Parameters().ElementAt(2).Data));   // -0.0 stays negative zero
    }

    [Fact]
    public void Load_DoesNotDependOnTheSeedTheModelWasBuiltWith()
    {
        var model = new Sequential(new Linear(2, 3, seed: 1234), new Tanh(3));

        Module loaded = SaveAndLoad(model);

        // A layer of the default seed starts elsewhere, so equal parameters mean the file's values were applied.
        Assert.NotEqual(new Linear(2, 3).Weight[0, 0].Data, ((Linear)model[0]).Weight[0, 0].Data);
        ModelAssert.SameParameters(model, loaded);
    }

    [Fact]
    public void FromJson_OfToJson_GivesTheSameModelWithoutAFile()
    {
        var model = new MLP(2, [3, 1], seed: 8);

        Module loaded = ModelFile.FromJson(ModelFile.ToJson(model));

        ModelAssert.SameParameters(model, loaded);
        ModelAssert.SameOutputs(model, loaded, ModelAssert.Inputs(2));
    }

    [Fact]
    public void Load_GivesFreshParametersWithZeroGradients()
    {
        var model = new Linear(2, 1);
        foreach (Value p in model.Parameters()) p.Grad = 3;

        Module loaded = SaveAndLoad(model);

        Assert.All(loaded.Parameters(), p => Assert.Equal(0, p.Grad));
        Assert.DoesNotContain(loaded.Parameters(), p => model.Parameters().Contains(p));
    }
}

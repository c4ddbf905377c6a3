using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Serialization;
using Michigrad.Tests.Serialization;
using Michigrad.Training;

namespace Michigrad.Tests.NN;

/// <summary>A module's parameters live in its storage: every exposed collection is a read-only view of the live
/// parameters, and whatever writes a parameter's number is what the next step and the next save read.</summary>
public class ParameterStorageTests
{
    [Fact]
    public void EveryExposedParameterCollection_IsReadOnly_AndHoldsTheLiveParameters()
    {
        var linear = new Linear(3, 2, seed: 1);
        var mlp = new MLP(3, [4, 2], seed: 1);
        Value[] linearParameters = [.. linear.Parameters()];

        Assert.False(typeof(ParameterMatrix).GetProperty("Item")!.CanWrite);
        Assert.Same(linearParameters[1 * 3 + 2], linear.Weight[1, 2]);
        Assert.Equal(linearParameters[..6], linear.Weight);
        Assert.Same(linearParameters[7], linear.Bias![1]);
        Assert.Same(mlp.Parameters().First(), mlp.Layers[0].Neurons[0].Weights[0]);

        Value stranger = new(1.0);
        Assert.Throws<NotSupportedException>(() => ((IList<Value>)linear.Bias!)[0] = stranger);
        Assert.Throws<NotSupportedException>(() => ((IList<Value>)mlp.Layers[0].Neurons[1].Weights)[0] = stranger);
        Assert.Throws<NotSupportedException>(() => ((IList<Neuron>)mlp.Layers[1].Neurons)[0] = new Neuron(4));
        Assert.Throws<NotSupportedException>(() => ((IList<Layer>)mlp.Layers)[0] = new Layer(3, 4));
        Assert.Throws<IndexOutOfRangeException>(() => linear.Weight[2, 0]);
        Assert.Equal(2, linear.Weight.GetLength(0));
        Assert.Equal(3, linear.Weight.GetLength(1));
    }

    [Fact]
    public void ALayersParameters_AreWindowsOnOneStorage_WeightsRowByRowThenBiases()
    {
        var layer = new Layer(3, 2, seed: 4);
        Value w = layer.Neurons[1].Weights[2], b = layer.Neurons[1].Bias!;

        Assert.Same(w.Storage, b.Storage);
        Assert.Equal(1 * 3 + 2, w.StorageIndex);
        Assert.Equal(2 * 3 + 1, b.StorageIndex);
        w.Data = 0.75;
        w.Grad = -2.0;
        Assert.Equal(0.75, w.Storage!.Data[w.StorageIndex]);
        Assert.Equal(-2.0, w.Storage.Grad[w.StorageIndex]);
        Assert.Null(new Value(1.0).Storage);   // a free-standing leaf keeps its own number
    }

    [Fact]
    public void WritingAWeightBetweenSteps_IsUsedByTheNextStep()
    {
        Dataset data = Datasets.Moons(40, 0.1, seed: 2);
        MLP compiledModel = new(2, [6, 1], seed: 3), plainModel = new(2, [6, 1], seed: 3);
        var compiled = new Trainer(compiledModel, Objective.Hinge, new Sgd(compiledModel.Parameters(), 0.1), l2: 1e-4);
        var plain = new Trainer(plainModel, Objective.Hinge, new Sgd(plainModel.Parameters(), 0.1), l2: 1e-4, compile: false);
        compiled.Step(data);
        plain.Step(data);

        foreach (MLP model in new[] { compiledModel, plainModel })
        {
            model.Layers[0].Neurons[2].Weights[1].Data += 0.5;   // a weight the row graph reads in place
            model.Layers[1].Neurons[0].Bias!.Data -= 0.25;        // a bias it reads through its value
        }
        StepResult a = compiled.Step(data), b = plain.Step(data);

        Assert.Equal(b.Loss, a.Loss, 1e-12);
        Assert.Equal(b.Accuracy, a.Accuracy);
        Assert.Equal(plainModel.Parameters().Select(p => p.Data), compiledModel.Parameters().Select(p => p.Data),
            new Tolerance(1e-12));
    }

    [Theory]
    [InlineData("sgd")]
    [InlineData("sgd+momentum")]
    [InlineData("adam")]
    [InlineData("adam+l2")]
    public void SaveAndLoad_AfterTraining_GiveTheTrainedNumbers(string optimizer)
    {
        Dataset data = Datasets.Spiral(45, classes: 3, noise: 0.2, seed: 5);
        var model = new MLP(2, [8, 3], seed: 6);
        Optimizer opt = optimizer switch
        {
            "sgd" => new Sgd(model.Parameters(), 0.1),
            "sgd+momentum" => new Sgd(model.Parameters(), 0.1, momentum: 0.9),
            _ => new Adam(model.Parameters(), 0.01),
        };
        var trainer = new Trainer(model, Objective.CrossEntropy, opt, l2: optimizer == "adam+l2" ? 1e-3 : 0);
        for (int step = 0; step < 5; step++) trainer.Step(data);
        using var folder = new TempFolder();

        ModelFile.Save(model, folder.File("model.json"));
        Module loaded = ModelFile.Load(folder.File("model.json"));
        Michigrad.Interop.Safetensors.Write(model, folder.File("model.safetensors"));
        var read = new MLP(2, [8, 3], seed: 99);
        Michigrad.Interop.Safetensors.Read(folder.File("model.safetensors"), read);

        Assert.Equal(model.Parameters().Select(p => p.Data), loaded.Parameters().Select(p => p.Data));
        Assert.Equal(model.Parameters().Select(p => p.Data), read.Parameters().Select(p => p.Data));
        Assert.Equal(trainer.Evaluate(data).Loss,
            new Trainer(loaded, Objective.CrossEntropy, new Sgd(loaded.Parameters(), 0.1), l2: optimizer == "adam+l2" ? 1e-3 : 0)
                .Evaluate(data).Loss);
    }

    /// <summary>Compares doubles to within an absolute tolerance.</summary>
    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}

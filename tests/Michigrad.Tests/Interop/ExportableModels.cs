using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Tests.Interop;

/// <summary>Models of every exportable shape, each activation and each task, for the export tests.</summary>
public static class ExportableModels
{
    /// <summary>One model to export, with the metadata of its task.</summary>
    public sealed record Case(string Name, Module Model, ModelMetadata Metadata)
    {
        public override string ToString() => Name;
    }

    private static ModelMetadata Binary => new() { Task = ModelTask.BinaryHinge, ClassNames = ["no", "yes"] };

    private static ModelMetadata Multiclass(int classes) =>
        new() { Task = ModelTask.Multiclass, ClassNames = [.. Enumerable.Range(0, classes).Select(k => $"class {k}")] };

    private static ModelMetadata Regression => new() { Task = ModelTask.Regression };

    /// <summary>The name of every case, for a theory.</summary>
    public static TheoryData<string> Names => new(All().Select(c => c.Name));

    /// <summary>The case called <paramref name="name"/>.</summary>
    public static Case Get(string name) => All().Single(c => c.Name == name);

    /// <summary>Every case, built afresh (weights are deterministic: fixed seeds).</summary>
    public static IEnumerable<Case> All()
    {
        foreach ((string act, Func<Module> activation) in new (string, Func<Module>)[]
                 { ("tanh", () => new Tanh()), ("relu", () => new ReLU()), ("sigmoid", () => new Sigmoid()) })
        {
            var r = new Random(act.Length);
            yield return new($"sequential-{act}-binary",
                new Sequential(new Linear(2, 16, r), activation(), new Linear(16, 16, r), activation(), new Linear(16, 1, r)), Binary);
            yield return new($"sequential-{act}-multiclass",
                new Sequential(new Linear(4, 8, r), activation(), new Linear(8, 3, r)), Multiclass(3));
            yield return new($"sequential-{act}-regression",
                new Sequential(new Linear(3, 5, r), activation(), new Linear(5, 2, r, bias: false), activation()), Regression);
        }
        yield return new("seed-model-tanh-output",
            new Sequential(new Linear(2, 4, new Random(1)), new Linear(4, 4, new Random(2), bias: false), new Linear(4, 3, new Random(3)), new Tanh(3)),
            Regression);
        yield return new("sequential-sigmoid-probability",
            new Sequential(new Linear(2, 8, new Random(4)), new ReLU(), new Linear(8, 1, new Random(5)), new Sigmoid()),
            new ModelMetadata { Task = ModelTask.Regression, FeatureNames = ["x", "y"] });
        yield return new("nested-sequential",   // PyTorch names: 0.0.weight, 0.0.bias, 1.weight, 1.bias
            new Sequential(new Sequential(new Linear(3, 6, new Random(6)), new Tanh()), new Linear(6, 2, new Random(7))), Regression);
        yield return new("mlp-relu-binary", new MLP(2, [16, 16, 1], seed: 7), Binary);
        yield return new("mlp-tanh-multiclass", new MLP(2, [8, 3], hiddenActivation: Activation.Tanh, seed: 8), Multiclass(3));
        yield return new("mlp-sigmoid-regression", new MLP(3, [6, 6, 2], bias: false, hiddenActivation: Activation.Sigmoid, seed: 9), Regression);
        yield return new("layer-tanh", new Layer(3, 4, activation: Activation.Tanh, seed: 10), Regression);
        yield return new("neuron-relu", new Neuron(5, activation: Activation.ReLU, seed: 11), Regression);
        yield return new("linear-alone", new Linear(3, 2, seed: 12), Regression);
    }

    /// <summary><paramref name="rows"/> random inputs of <paramref name="width"/> values in [-3, 3), row after row.</summary>
    public static double[] RandomInputs(int rows, int width, int seed)
    {
        var random = new Random(seed);
        var data = new double[rows * width];
        for (int k = 0; k < data.Length; k++) data[k] = random.NextDouble() * 6 - 3;
        return data;
    }

    /// <summary>The model's outputs for each row of <paramref name="inputs"/>, row after row.</summary>
    public static double[] Outputs(Module model, double[] inputs, int width)
    {
        var outputs = new List<double>();
        for (int row = 0; row < inputs.Length / width; row++)
            outputs.AddRange(model.Forward(inputs[(row * width)..((row + 1) * width)]).Select(v => v.Data));
        return [.. outputs];
    }
}

using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.TorchParity.TestSupport;
using static TorchSharp.torch;

namespace Michigrad.TorchParity.NN;

/// <summary>
/// A model, its TorchSharp twin, a seeded batch and a loss, runnable in both engines: the MLP is scored with mean
/// squared error, the Sequential with cross-entropy over three classes.
/// </summary>
internal sealed class ParityProblem
{
    private const int Samples = 10;

    private readonly double[][] _inputs;
    private readonly Func<IReadOnlyList<Value>[], Value> _ourLoss;
    private readonly Func<Tensor, Tensor> _torchLoss;

    private ParityProblem(string name, Module model, TorchTwin twin, double[][] inputs,
        Func<IReadOnlyList<Value>[], Value> ourLoss, Func<Tensor, Tensor> torchLoss)
    {
        Name = name;
        Model = model;
        Twin = twin;
        _inputs = inputs;
        _ourLoss = ourLoss;
        _torchLoss = torchLoss;
    }

    public string Name { get; }

    public Module Model { get; }

    public TorchTwin Twin { get; }

    public static ParityProblem Create(string name) => name switch
    {
        "MLP" => Mlp(),
        "Sequential" => Sequential(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "MLP or Sequential"),
    };

    /// <summary>micrograd's MLP 3-8-6-2 (ReLU hidden, linear last) with mean squared error against 2 targets.</summary>
    private static ParityProblem Mlp()
    {
        var random = new Random(11);
        double[][] inputs = Draw(random, Samples, 3);
        double[][] targets = Draw(random, Samples, 2);
        var model = new MLP(3, [8, 6, 2], seed: 7);
        double[] flatTargets = targets.SelectMany(t => t).ToArray();
        return new ParityProblem("MLP", model, TorchTwin.Of(model), inputs,
            outputs => Loss.MeanSquaredError(outputs.SelectMany(o => o).ToArray(), flatTargets),
            output => nn.functional.mse_loss(output, Torch.Of(flatTargets, [Samples, 2])));
    }

    /// <summary>Linear/Tanh/Linear(no bias)/ReLU/Linear/Sigmoid/Linear, 3 inputs to 3 class logits, cross-entropy.</summary>
    private static ParityProblem Sequential()
    {
        var random = new Random(12);
        double[][] inputs = Draw(random, Samples, 3);
        int[] classes = Enumerable.Range(0, Samples).Select(_ => random.Next(3)).ToArray();
        var model = new Sequential(
            new Linear(3, 5, random), new Tanh(), new Linear(5, 4, random, bias: false), new ReLU(),
            new Linear(4, 4, random), new Sigmoid(), new Linear(4, 3, random));
        return new ParityProblem("Sequential", model, TorchTwin.Of(model), inputs,
            outputs => Loss.CrossEntropy(outputs, classes),
            output => nn.functional.cross_entropy(output, tensor(classes.Select(c => (long)c).ToArray())));
    }

    /// <summary>Michigrad: the outputs of every sample and the loss over the batch.</summary>
    public (IReadOnlyList<Value>[] Outputs, Value Loss) RunMichigrad()
    {
        IReadOnlyList<Value>[] outputs = _inputs.Select(x => Model.Forward(x)).ToArray();
        return (outputs, _ourLoss(outputs));
    }

    /// <summary>TorchSharp: the [samples, outputs] tensor and the loss.</summary>
    public (Tensor Outputs, Tensor Loss) RunTorch()
    {
        Tensor x = Torch.Of(_inputs.SelectMany(r => r).ToArray(), [_inputs.Length, _inputs[0].Length]);
        Tensor outputs = Twin.Model.forward(x);
        return (outputs, _torchLoss(outputs));
    }

    private static double[][] Draw(Random random, int rows, int columns) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => random.NextDouble() * 4 - 2).ToArray()).ToArray();
}

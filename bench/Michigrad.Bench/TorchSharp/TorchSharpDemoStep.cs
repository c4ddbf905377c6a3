using Michigrad.Data;
using Michigrad.NN;
using static global::TorchSharp.torch;
using TorchModule = global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>;

namespace Michigrad.Bench.TorchSharp;

/// <summary>
/// micrograd's demo step in TorchSharp, for comparison with <see cref="DemoStepBenchmarks"/>: the same 100 moons
/// points, the same MLP 2-16-16-1 (its weights copied from <c>new MLP(2, [16, 16, 1], seed: 1337)</c>), float64 on
/// one thread; hinge loss mean(relu(1 - y·score)) + 1e-4·Σp², backward, one SGD step.
/// </summary>
/// <remarks>On Debian 12 and similar, the build output needs tools/torchsharp-fix (the project runs it).</remarks>
public sealed class TorchSharpDemoStep : IDisposable
{
    private readonly Tensor _inputs;
    private readonly Tensor _labels;
    private readonly TorchModule _model;
    private readonly global::TorchSharp.Modules.Parameter[] _parameters;
    private readonly global::TorchSharp.torch.optim.Optimizer _optimizer;

    /// <summary>Builds the data, copies the model in and creates the optimizer.</summary>
    /// <param name="learningRate">The SGD rate; tiny by default, as in <see cref="DemoStepBenchmarks"/>, so the
    /// weights barely move while the step is timed.</param>
    public TorchSharpDemoStep(double learningRate = 1e-9)
    {
        set_num_threads(1);
        Dataset moons = Datasets.Moons(n: 100, noise: 0.1, seed: 1337);
        _inputs = tensor(moons.Features.SelectMany(row => row).ToArray(), [moons.Count, moons.FeatureCount], dtype: float64);
        _labels = tensor(moons.SignedLabels(), dtype: float64);

        var mlp = new MLP(2, [16, 16, 1], seed: 1337);
        var layers = new List<(string, TorchModule)>();
        for (int k = 0; k < mlp.Layers.Count; k++)
        {
            layers.Add(($"linear{k}", CopyLayer(mlp.Layers[k])));
            if (k < mlp.Layers.Count - 1) layers.Add(($"relu{k}", nn.ReLU()));
        }
        _model = nn.Sequential(layers);
        _parameters = _model.parameters().ToArray();
        _optimizer = optim.SGD(_parameters, learningRate);
    }

    /// <summary>One training step; returns the loss before the update.</summary>
    public double Step()
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor scores = _model.forward(_inputs).view(-1);
        Tensor loss = (1 - _labels * scores).relu().mean();
        Tensor penalty = _parameters.Select(p => (p * p).sum()).Aggregate((a, b) => a + b);
        loss = loss + 1e-4 * penalty;
        loss.backward();
        _optimizer.step();
        return loss.item<double>();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _inputs.Dispose();
        _labels.Dispose();
    }

    /// <summary>A Linear whose row j holds neuron j's weights and whose bias j is neuron j's bias.</summary>
    internal static TorchModule CopyLayer(Layer layer)
    {
        int outputs = layer.Neurons.Count, inputs = layer.InputSize!.Value;
        var linear = nn.Linear(inputs, outputs, dtype: float64);
        double[] weights = layer.Neurons.SelectMany(n => n.Weights.Select(w => w.Data)).ToArray();
        double[] biases = layer.Neurons.Select(n => n.Bias!.Data).ToArray();
        using (no_grad())
        {
            linear.weight!.copy_(tensor(weights, [outputs, inputs], dtype: float64));
            linear.bias!.copy_(tensor(biases, dtype: float64));
        }
        return linear;
    }
}

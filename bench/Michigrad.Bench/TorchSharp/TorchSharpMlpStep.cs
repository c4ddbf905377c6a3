using Michigrad.NN;
using static global::TorchSharp.torch;
using TorchModule = global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>;

namespace Michigrad.Bench.TorchSharp;

/// <summary>
/// One SGD step of a ReLU MLP with cross-entropy in TorchSharp, float64 on one thread, its weights copied from a
/// Michigrad <see cref="MLP"/>: the reference for <see cref="FashionMnistStepBenchmarks"/>. The input batch does not
/// require grad, as Michigrad's data leaves do not.
/// </summary>
public sealed class TorchSharpMlpStep : IDisposable
{
    private readonly Tensor _inputs;
    private readonly Tensor _labels;
    private readonly TorchModule _model;
    private readonly global::TorchSharp.torch.optim.Optimizer _optimizer;

    /// <summary>Copies the model in and holds the batch as tensors.</summary>
    public TorchSharpMlpStep(MLP mlp, double[][] rows, int[] labels, double learningRate)
    {
        set_num_threads(1);
        _inputs = tensor(rows.SelectMany(row => row).ToArray(), [rows.Length, rows[0].Length], dtype: float64);
        _labels = tensor(labels.Select(l => (long)l).ToArray(), dtype: int64);
        var layers = new List<(string, TorchModule)>();
        for (int k = 0; k < mlp.Layers.Count; k++)
        {
            layers.Add(($"linear{k}", TorchSharpDemoStep.CopyLayer(mlp.Layers[k])));
            if (k < mlp.Layers.Count - 1) layers.Add(($"relu{k}", nn.ReLU()));
        }
        _model = nn.Sequential(layers);
        _optimizer = optim.SGD(_model.parameters(), learningRate);
    }

    /// <summary>One training step; returns the loss before the update.</summary>
    public double Step()
    {
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_model.forward(_inputs), _labels);
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
}

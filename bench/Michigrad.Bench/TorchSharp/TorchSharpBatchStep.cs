using Michigrad.Data;
using Michigrad.NN;
using static global::TorchSharp.torch;
using TorchModule = global::TorchSharp.torch.nn.Module<global::TorchSharp.torch.Tensor, global::TorchSharp.torch.Tensor>;

namespace Michigrad.Bench.TorchSharp;

/// <summary>
/// One training step of a ReLU MLP with cross-entropy in TorchSharp on the next of a list of batches, float64 on one
/// thread, its weights copied from a Michigrad <see cref="MLP"/>: the reference for <see cref="FashionMnistBatchStepBenchmarks"/>
/// and (one batch, SGD) <see cref="FashionMnistStepBenchmarks"/>. The input batch does not require grad, as Michigrad's
/// data leaves do not.
/// Plain SGD, or Adam with <c>weight_decay</c> = 2·L2 (the same maths as the Trainer's L2 penalty α·Σp², whose
/// gradient is 2α·p).
/// </summary>
public sealed class TorchSharpBatchStep : IDisposable
{
    private readonly (Tensor Inputs, Tensor Labels)[] _batches;
    private readonly TorchModule _model;
    private readonly global::TorchSharp.torch.optim.Optimizer _optimizer;
    private int _next;

    /// <summary>Copies the model in and holds the batches as tensors.</summary>
    /// <param name="mlp">The model whose weights the twin starts from.</param>
    /// <param name="batches">The batches, stepped through in order, round and round.</param>
    /// <param name="adam">Adam with weight decay 2·<paramref name="l2"/> instead of plain SGD.</param>
    /// <param name="learningRate">The rate.</param>
    /// <param name="l2">The Trainer's L2 weight α (Adam only).</param>
    public TorchSharpBatchStep(MLP mlp, IReadOnlyList<Dataset> batches, bool adam, double learningRate, double l2)
    {
        set_num_threads(1);
        _batches = batches.Select(b => (
            tensor(b.Features.SelectMany(row => row).ToArray(), [b.Count, b.FeatureCount], dtype: float64),
            tensor(b.Labels.Select(l => (long)l).ToArray(), dtype: int64))).ToArray();
        var layers = new List<(string, TorchModule)>();
        for (int k = 0; k < mlp.Layers.Count; k++)
        {
            layers.Add(($"linear{k}", TorchSharpDemoStep.CopyLayer(mlp.Layers[k])));
            if (k < mlp.Layers.Count - 1) layers.Add(($"relu{k}", nn.ReLU()));
        }
        _model = nn.Sequential(layers);
        _optimizer = adam
            ? optim.Adam(_model.parameters(), learningRate, weight_decay: 2 * l2)
            : optim.SGD(_model.parameters(), learningRate);
    }

    /// <summary>One training step on the next batch; returns the loss before the update.</summary>
    public double Step()
    {
        (Tensor inputs, Tensor labels) = _batches[_next];
        _next = (_next + 1) % _batches.Length;
        using var scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor loss = nn.functional.cross_entropy(_model.forward(inputs), labels);
        loss.backward();
        _optimizer.step();
        return loss.item<double>();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        foreach ((Tensor inputs, Tensor labels) in _batches)
        {
            inputs.Dispose();
            labels.Dispose();
        }
    }
}

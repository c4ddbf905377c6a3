using BenchmarkDotNet.Attributes;
using Michigrad.Data;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;

namespace Michigrad.Bench;

/// <summary>
/// micrograd's demo step: 100 moons points through an MLP 2-16-16-1, hinge loss + 1e-4·L2, backward, SGD. The same
/// data and model for every way of running it, so the ratios compare like with like.
/// </summary>
[MemoryDiagnoser]
public class DemoStepBenchmarks
{
    private Dataset _moons = null!;
    private double[] _labels = [];
    private MLP _model = null!;
    private Sgd _optimizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _moons = Datasets.Moons(n: 100, noise: 0.1, seed: 1337);
        _labels = _moons.SignedLabels();
        _model = new MLP(2, [16, 16, 1], seed: 1337);
        // A tiny rate: the step is measured, not the training, so the weights should barely move.
        _optimizer = new Sgd(_model.Parameters(), learningRate: 1e-9);
    }

    /// <summary>The object graph, rebuilt every step as micrograd does.</summary>
    [Benchmark(Baseline = true)]
    public double ObjectGraph()
    {
        var scores = new Value[_moons.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = _model.Forward(_moons.Inputs(i))[0];
        Value loss = Loss.Hinge(scores, _labels) + Loss.L2Penalty(_model.Parameters(), alpha: 1e-4);
        _optimizer.ZeroGrad();
        loss.Backward();
        _optimizer.Step();
        return loss.Data;
    }
}

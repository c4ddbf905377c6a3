using BenchmarkDotNet.Attributes;
using Michigrad.Bench.TorchSharp;
using Michigrad.Compiled;
using Michigrad.Data;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Bench;

/// <summary>
/// micrograd's demo step three ways, in one run: 100 moons points through an MLP 2-16-16-1, hinge loss + 1e-4·L2,
/// backward, SGD. The object graph rebuilt every step (the baseline), the same graph compiled once and replayed, and
/// TorchSharp (float64, one thread) with the same data and weights.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/Michigrad.Bench -- --filter '*DemoStep*'</c>.</remarks>
[MemoryDiagnoser]
[InProcess]   // BenchmarkDotNet's per-job build would copy an unpatched libLibTorchSharp.so (see tools/torchsharp-fix)
public class DemoStepBenchmarks
{
    private Dataset _moons = null!;
    private double[] _labels = [];
    private MLP _objectModel = null!, _compiledModel = null!;
    private Sgd _objectOptimizer = null!, _compiledOptimizer = null!;
    private Value _compiledLoss = null!;
    private CompiledGraph _compiled = null!;
    private TorchSharpDemoStep _torch = null!;
    private Trainer _trainer = null!;

    // Each benchmark sets up only what it measures: a TorchSharp session or a second graph alive in the background
    // would change what the others measure.
    [GlobalSetup(Target = nameof(ObjectGraph))]
    public void SetupObjectGraph()
    {
        LoadData();
        // A tiny rate: the step is measured, not the training, so the weights should barely move.
        _objectModel = new MLP(2, [16, 16, 1], seed: 1337);
        _objectOptimizer = new Sgd(_objectModel.Parameters(), learningRate: 1e-9);
    }

    [GlobalSetup(Targets = [nameof(Compiled), nameof(Compile)])]
    public void SetupCompiled()
    {
        LoadData();
        _compiledModel = new MLP(2, [16, 16, 1], seed: 1337);
        _compiledOptimizer = new Sgd(_compiledModel.Parameters(), learningRate: 1e-9);
        _compiledLoss = BuildLoss(_compiledModel);
        _compiled = _compiledLoss.Compile();
    }

    [GlobalSetup(Target = nameof(TrainerStep))]
    public void SetupTrainer()
    {
        LoadData();
        var model = new MLP(2, [16, 16, 1], seed: 1337);
        _trainer = new Trainer(model, Objective.Hinge, new Sgd(model.Parameters(), learningRate: 1e-9), l2: 1e-4);
        _trainer.Step(_moons);   // compiles the step's graph
        _trainer.Step(_moons);
    }

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorchSharp() => _torch = new TorchSharpDemoStep(learningRate: 1e-9);

    [GlobalCleanup(Target = nameof(TorchSharp))]
    public void Cleanup() => _torch.Dispose();

    private void LoadData()
    {
        _moons = Datasets.Moons(n: 100, noise: 0.1, seed: 1337);
        _labels = _moons.SignedLabels();
    }

    private Value BuildLoss(MLP model)
    {
        var scores = new Value[_moons.Count];
        for (int i = 0; i < scores.Length; i++) scores[i] = model.Forward(_moons.Inputs(i))[0];
        return Loss.Hinge(scores, _labels) + Loss.L2Penalty(model.Parameters(), alpha: 1e-4);
    }

    /// <summary>The object graph, rebuilt every step as micrograd does.</summary>
    [Benchmark(Baseline = true)]
    public double ObjectGraph()
    {
        Value loss = BuildLoss(_objectModel);
        _objectOptimizer.ZeroGrad();
        loss.Backward();
        _objectOptimizer.Step();
        return loss.Data;
    }

    /// <summary>The same step replayed on the compiled tape: read the leaves, recompute, backpropagate, update.</summary>
    [Benchmark]
    public double Compiled()
    {
        _compiledOptimizer.ZeroGrad();
        _compiled.Forward();
        _compiled.Backward();
        _compiledOptimizer.Step();
        return _compiled.Output;
    }

    /// <summary>What <c>michigrad train</c> and the playground run: the <see cref="Trainer"/>'s compiled step on the same
    /// data, counting the correct answers as well.</summary>
    [Benchmark]
    public double TrainerStep() => _trainer.Step(_moons).Loss;

    /// <summary>TorchSharp's eager step on the same data and weights.</summary>
    [Benchmark]
    public double TorchSharp() => _torch.Step();

    /// <summary>What compiling the demo graph costs, paid once before the replays.</summary>
    [Benchmark]
    public CompiledGraph Compile() => _compiledLoss.Compile();
}

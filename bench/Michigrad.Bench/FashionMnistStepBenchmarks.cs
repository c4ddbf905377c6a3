using BenchmarkDotNet.Attributes;
using Michigrad.Bench.TorchSharp;
using Michigrad.Compiled;
using Michigrad.Data;
using Michigrad.Losses;
using Michigrad.NN;
using Michigrad.Optim;

namespace Michigrad.Bench;

/// <summary>
/// One SGD step of an MLP 784-128-10 (ReLU hidden) on a batch of 64 real Fashion-MNIST images with cross-entropy,
/// float64: the compiled tape replayed against TorchSharp on one thread with the same weights, and what building and
/// compiling the batch's graph (about 13 million nodes) costs once.
/// </summary>
/// <remarks>Needs the IDX files (Debian's <c>dataset-fashion-mnist</c>). Run:
/// <c>dotnet run -c Release --project bench/Michigrad.Bench -- --filter '*FashionMnistStep*'</c>.</remarks>
[MemoryDiagnoser]
[InProcess]   // see DemoStepBenchmarks: TorchSharp's native library is patched in this build's output only
public class FashionMnistStepBenchmarks
{
    private const int BatchSize = 64;
    private Value[][] _inputs = [];
    private int[] _labels = [];
    private MLP _model = null!;
    private Sgd _optimizer = null!;
    private CompiledGraph _compiled = null!;
    private TorchSharpMlpStep _torch = null!;

    private void LoadBatch()
    {
        Dataset images = Datasets.FashionMnist(train: true, limit: BatchSize);
        _inputs = Enumerable.Range(0, BatchSize).Select(images.Inputs).ToArray();
        _labels = images.Labels.ToArray();
        // A tiny rate: the step is measured, not the training, so the weights should barely move.
        _model = new MLP(784, [128, 10], seed: 1);
        _optimizer = new Sgd(_model.Parameters(), learningRate: 1e-9);
    }

    private Value BuildLoss() => Loss.CrossEntropy(_inputs.Select(row => _model.Forward(row)).ToArray(), _labels);

    [GlobalSetup(Target = nameof(Compiled))]
    public void SetupCompiled()
    {
        LoadBatch();
        _compiled = BuildLoss().Compile();
    }

    [GlobalSetup(Target = nameof(BuildAndCompile))]
    public void SetupBuild() => LoadBatch();

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorchSharp()
    {
        LoadBatch();
        _torch = new TorchSharpMlpStep(_model, _inputs.Select(row => row.Select(x => x.Data).ToArray()).ToArray(),
            _labels, learningRate: 1e-9);
    }

    [GlobalCleanup(Target = nameof(TorchSharp))]
    public void Cleanup() => _torch.Dispose();

    /// <summary>The compiled tape: read the leaves, recompute, backpropagate, update.</summary>
    [Benchmark]
    public double Compiled()
    {
        _optimizer.ZeroGrad();
        _compiled.Forward();
        _compiled.Backward();
        _optimizer.Step();
        return _compiled.Output;
    }

    /// <summary>TorchSharp's eager step on the same batch and weights (float64, one thread).</summary>
    [Benchmark(Baseline = true)]
    public double TorchSharp() => _torch.Step();

    /// <summary>Building the batch's object graph and compiling it, paid once per batch shape.</summary>
    [Benchmark]
    public int BuildAndCompile() => BuildLoss().Compile().Statistics.TapeNodeCount;
}

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
/// One SGD step of an MLP 784-128-10 (ReLU hidden) on a batch of 64 real Fashion-MNIST images with cross-entropy,
/// float64, against TorchSharp on one thread with the same weights: the <see cref="Trainer"/>'s compiled step (one row's
/// graph compiled once and run over the batch's rows side by side) and what building and compiling that row graph
/// costs once; and the whole-batch tape (about 13 million nodes, still what <see cref="Compiler.Compile(Value)"/> makes of
/// a user's batch graph), replayed.
/// </summary>
/// <remarks>
/// <para>Needs the IDX files (Debian's <c>dataset-fashion-mnist</c>). Run:
/// <c>dotnet run -c Release --project bench/Michigrad.Bench -- --filter '*FashionMnistStep*'</c>.</para>
/// <para>Building and compiling the whole batch's graph takes seconds, longer than BenchmarkDotNet lets an in-process
/// benchmark run, so it is not measured here; the row graph replaces it in training.</para>
/// </remarks>
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
    private TorchSharpBatchStep _torch = null!;
    private Dataset _batch = null!;
    private Trainer _trainer = null!;

    private void LoadBatch()
    {
        Dataset images = Datasets.FashionMnist(train: true, limit: BatchSize);
        _batch = images;
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

    [GlobalSetup(Target = nameof(RowGraphBuildAndCompile))]
    public void SetupBuild() => LoadBatch();

    [GlobalSetup(Target = nameof(TrainerStep))]
    public void SetupTrainer()
    {
        LoadBatch();
        _trainer = new Trainer(_model, Objective.CrossEntropy, _optimizer, compile: true);
        _trainer.Step(_batch);   // compiles the row graph
    }

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorchSharp()
    {
        LoadBatch();
        _torch = new TorchSharpBatchStep(_model, [_batch], adam: false, learningRate: 1e-9, l2: 0);
    }

    [GlobalCleanup(Target = nameof(TorchSharp))]
    public void Cleanup() => _torch.Dispose();

    /// <summary>What a user runs: <see cref="Trainer.Step"/> with <c>compile: true</c> on the batch (its rows written
    /// into the row graph's lanes, forward, accuracy, backward, SGD update).</summary>
    [Benchmark]
    public double TrainerStep() => _trainer.Step(_batch).Loss;

    /// <summary>Building one row's graph (model and loss) and compiling it to run over 64 rows: what a compiled
    /// <see cref="Trainer"/> pays once.</summary>
    [Benchmark]
    public int RowGraphBuildAndCompile()
    {
        Value[] inputs = Enumerable.Range(0, 784).Select(_ => Value.Constant(0.0)).ToArray();
        Value[] targets = Objectives.NewTargets(10);
        IReadOnlyList<Value> outputs = _model.Forward(inputs);
        Value loss = Objectives.Loss(Objective.CrossEntropy, [outputs], [targets]);
        return Compiler.CompileRows(loss, [.. inputs, .. targets], BatchSize, outputs).Statistics.TapeNodeCount;
    }

    /// <summary>The whole-batch compiled tape: read the leaves, recompute, backpropagate, update.</summary>
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
}

using BenchmarkDotNet.Attributes;
using Michigrad.Bench.TorchSharp;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;

namespace Michigrad.Bench;

/// <summary>
/// What <c>michigrad train --dataset fashion-mnist</c> runs, step by step: an MLP 784-128-10 (ReLU hidden, PyTorch's
/// initialisation) trained on a new batch of 64 Fashion-MNIST images each step, cross-entropy, float64, with plain SGD
/// or with the CLI's image default, Adam and an L2 of 1e-4; against TorchSharp on one thread with the same weights and
/// batches (its Adam with <c>weight_decay</c> = 2·1e-4, the same maths).
/// </summary>
/// <remarks>Needs the IDX files (Debian's <c>dataset-fashion-mnist</c>). Run:
/// <c>dotnet run -c Release --project bench/Michigrad.Bench -- --filter '*FashionMnistBatchStep*'</c>; for ratios
/// measured alternately in one process, <c>dotnet run -c Release --project bench/Michigrad.Bench -- alternate</c>.</remarks>
[MemoryDiagnoser]
[InProcess]   // see DemoStepBenchmarks: TorchSharp's native library is patched in this build's output only
public class FashionMnistBatchStepBenchmarks
{
    /// <summary>The batches stepped through, round and round.</summary>
    public const int Batches = 16;

    /// <summary>Rows per batch, the CLI's image default.</summary>
    public const int BatchSize = 64;

    /// <summary>The L2 weight of the Adam runs (the CLI's image default).</summary>
    public const double L2 = 1e-4;

    private Trainer _trainer = null!;
    private Dataset[] _batches = [];
    private TorchSharpBatchStep _torch = null!;
    private int _next;

    /// <summary>"SGD" or "Adam+L2".</summary>
    [Params("SGD", "Adam+L2")]
    public string Optimizer { get; set; } = "SGD";

    /// <summary>The batches and a fresh model, the same for both sides.</summary>
    public static (Dataset[] Batches, MLP Model) Load()
    {
        Dataset images = Datasets.FashionMnist(train: true, limit: Batches * BatchSize);
        Dataset[] batches = Enumerable.Range(0, Batches)
            .Select(b => images.Subset(Enumerable.Range(b * BatchSize, BatchSize).ToArray())).ToArray();
        return (batches, new MLP(784, [128, 10], seed: 1, init: WeightInit.FanIn));
    }

    /// <summary>A Trainer as the CLI makes it; tiny rates, so that the weights barely move while timed.</summary>
    public static Trainer NewTrainer(MLP model, bool adam) => adam
        ? new Trainer(model, Objective.CrossEntropy, new Adam(model.Parameters(), 1e-9), L2)
        : new Trainer(model, Objective.CrossEntropy, new Sgd(model.Parameters(), 1e-9));

    [GlobalSetup(Target = nameof(TrainerStep))]
    public void SetupTrainer()
    {
        (_batches, MLP model) = Load();
        _trainer = NewTrainer(model, Optimizer != "SGD");
        _trainer.Step(_batches[0]);   // compiles the row graph
    }

    [GlobalSetup(Target = nameof(TorchSharp))]
    public void SetupTorchSharp()
    {
        (Dataset[] batches, MLP model) = Load();
        _torch = new TorchSharpBatchStep(model, batches, adam: Optimizer != "SGD", learningRate: 1e-9, L2);
    }

    [GlobalCleanup(Target = nameof(TorchSharp))]
    public void Cleanup() => _torch.Dispose();

    /// <summary>The Trainer's compiled step on the next batch (its rows written into the row graph's lanes, forward,
    /// accuracy, backward, update).</summary>
    [Benchmark]
    public double TrainerStep()
    {
        Dataset batch = _batches[_next];
        _next = (_next + 1) % _batches.Length;
        return _trainer.Step(batch).Loss;
    }

    /// <summary>TorchSharp's eager step on the next batch (float64, one thread).</summary>
    [Benchmark(Baseline = true)]
    public double TorchSharp() => _torch.Step();
}

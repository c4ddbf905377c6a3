using Michigrad.Bench.TorchSharp;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Training;

namespace Michigrad.Bench;

/// <summary>
/// The Fashion-MNIST batch step (<see cref="FashionMnistBatchStepBenchmarks"/>) against TorchSharp's, alternated in one
/// process (see <see cref="AlternatedRounds"/>), for SGD and for Adam + L2.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/Michigrad.Bench -- alternate [rounds]</c>.</remarks>
internal static class Alternation
{
    public static void Run(int roundCount)
    {
        foreach (bool adam in new[] { false, true })
        {
            (Dataset[] batches, MLP model) = FashionMnistBatchStepBenchmarks.Load();
            Trainer trainer = FashionMnistBatchStepBenchmarks.NewTrainer(model, adam);
            (Dataset[] torchBatches, MLP twin) = FashionMnistBatchStepBenchmarks.Load();
            using var torch = new TorchSharpBatchStep(twin, torchBatches, adam, learningRate: 1e-9, FashionMnistBatchStepBenchmarks.L2);
            int next = 0;
            double TrainerStep() => trainer.Step(batches[next++ % batches.Length]).Loss;
            for (int k = 0; k < 40; k++) { TrainerStep(); torch.Step(); }   // compile, JIT, caches

            AlternatedRounds rounds = AlternatedRounds.Run(torch.Step, TrainerStep, roundCount);
            Console.WriteLine((adam ? "Adam + L2 1e-4 (TorchSharp: weight_decay 2e-4): " : "SGD: ") + rounds.Describe("TorchSharp", "Trainer"));
        }
    }
}

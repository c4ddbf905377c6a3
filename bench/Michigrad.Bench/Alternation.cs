using System.Diagnostics;
using System.Globalization;
using Michigrad.Bench.TorchSharp;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Training;

namespace Michigrad.Bench;

/// <summary>
/// The Fashion-MNIST batch step (<see cref="FashionMnistBatchStepBenchmarks"/>) against TorchSharp's, alternated in one
/// process: rounds of a few steps of each side, so that both see the same moments of a shared machine. Prints each
/// side's median step and the median of the rounds' ratios, for SGD and for Adam + L2.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/Michigrad.Bench -- alternate [rounds]</c>.</remarks>
internal static class Alternation
{
    private const int StepsPerTurn = 5;

    public static void Run(int rounds)
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

            var ours = new List<double>();
            var theirs = new List<double>();
            var ratios = new List<double>();
            for (int round = 0; round < rounds; round++)
            {
                double a = Turn(TrainerStep, ours), b = Turn(torch.Step, theirs);
                ratios.Add(a / b);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(adam ? "Adam + L2 1e-4 (TorchSharp: weight_decay 2e-4)" : "SGD"),-48} Trainer {Median(ours),8:F1} us   TorchSharp {Median(theirs),8:F1} us   ratio of medians {Median(ours) / Median(theirs):F3}   median of round ratios {Median(ratios):F3}   ({rounds} rounds of {StepsPerTurn} steps each)"));
        }
    }

    /// <summary>Runs a few steps, records each one's microseconds, and returns the turn's median.</summary>
    private static double Turn(Func<double> step, List<double> all)
    {
        var times = new double[StepsPerTurn];
        for (int k = 0; k < times.Length; k++)
        {
            long start = Stopwatch.GetTimestamp();
            step();
            times[k] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        all.AddRange(times);
        return Median(times);
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

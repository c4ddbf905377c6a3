using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Training;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad bench</c>: times micrograd's demo step (100 moons, 2-16-16-1, hinge + L2, SGD) with a Stopwatch.</summary>
/// <remarks>A quick look, not a benchmark suite: for careful numbers use bench/Michigrad.Bench (BenchmarkDotNet).
/// Only the object graph is measured; the compiled path will join it once it exists.</remarks>
internal static class BenchCommand
{
    private static readonly Option<int> StepsOption = OptionParsers.Int("--steps", "Timed steps.", 30);
    private static readonly Option<int> WarmupOption = OptionParsers.Int("--warmup", "Untimed steps first (JIT, caches).", 5, minimum: 0);

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Time the demo's training step (object graph): median milliseconds per step.")
        {
            StepsOption, WarmupOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    private static int Run(ParseResult parse, CliContext context)
    {
        int steps = parse.GetValue(StepsOption);
        int warmup = parse.GetValue(WarmupOption);
        Dataset data = Datasets.Moons(100, 0.1, TrainCommand.DefaultSeed);
        var model = new MLP(2, [16, 16, 1], seed: TrainCommand.DefaultSeed);
        var trainer = new Trainer(model, Objective.Hinge, new Sgd(model.Parameters(), 0.1), l2: 1e-4);

        for (int k = 0; k < warmup; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            trainer.Step(data);
        }
        var times = new double[steps];
        for (int k = 0; k < steps; k++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            trainer.Step(data);
            times[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        double median = steps % 2 == 1 ? times[steps / 2] : (times[steps / 2 - 1] + times[steps / 2]) / 2;

        string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("path")
            .AddColumn(new TableColumn("median ms/step").RightAligned())
            .AddColumn(new TableColumn("min").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned())
            .AddColumn(new TableColumn("steps/s").RightAligned());
        table.AddRow("object graph", F(median), F(times[0]), F(times[^1]), (1000 / median).ToString("F1", CultureInfo.InvariantCulture));
        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"micrograd's demo step: 100 moons, {model} ({model.ParameterCount} parameters), hinge + L2, SGD; {warmup} warm-up + {steps} timed steps."));
        context.Console.Write(table);
        return ExitCodes.Ok;
    }
}

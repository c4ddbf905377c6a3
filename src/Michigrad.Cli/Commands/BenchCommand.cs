using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Michigrad.Cli.Running;
using Michigrad.Compiled;
using Michigrad.NN;
using Michigrad.Training;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad bench</c>: times micrograd's demo step (100 moons, 2-16-16-1, hinge + L2, SGD) with a
/// Stopwatch, in this process as an app runs it: on the object graph, on the compiled tape, and as the
/// <see cref="Trainer"/>'s compiled step that <c>michigrad train</c> runs.</summary>
/// <remarks>Each path starts cold in this process (a few warm-up steps, then the timed ones), which is what an app sees;
/// BenchmarkDotNet (bench/Michigrad.Bench) times the same steps after its own long warm-up, so the two figures side by
/// side show whether an app runs at the benchmark's speed.</remarks>
internal static class BenchCommand
{
    private static readonly Option<int> StepsOption = OptionParsers.Int("--steps",
        $"Timed steps, on each path (at most {Limits.MaxBenchSteps:N0}).", 300, maximum: Limits.MaxBenchSteps);
    private static readonly Option<int> WarmupOption = OptionParsers.Int("--warmup",
        $"Untimed steps first, on each path (JIT, caches; at most {Limits.MaxBenchSteps:N0}).", 20, minimum: 0, maximum: Limits.MaxBenchSteps);

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("bench",
            "Time the demo's training step as an app runs it, on the object graph, compiled, and as michigrad train's Trainer step: median milliseconds per step and the speed-up. " +
            "Run a Release build (dotnet run -c Release --project src/Michigrad.Cli -- bench, or the installed tool): a Debug build is several times slower and says so.")
        {
            StepsOption, WarmupOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    /// <summary>The name of the first assembly of the timed code that was compiled without optimisation, if any.</summary>
    private static string? DebugBuild()
    {
        foreach (System.Reflection.Assembly assembly in new[] { typeof(BenchCommand).Assembly, typeof(Value).Assembly })
            if (System.Reflection.CustomAttributeExtensions.GetCustomAttribute<DebuggableAttribute>(assembly) is { IsJITOptimizerDisabled: true })
                return assembly.GetName().Name;
        return null;
    }

    private static int Run(ParseResult parse, CliContext context)
    {
        int steps = parse.GetValue(StepsOption);
        int warmup = parse.GetValue(WarmupOption);
        if (DebugBuild() is string debug)
            context.Error.WriteLine($"warning: {debug} is a Debug build, whose timings are several times slower than a Release build's. " +
                "For real figures run: dotnet run -c Release --project src/Michigrad.Cli -- bench");

        // Each path gets a fresh model from the same seed, so all time the same sequence of steps.
        var objectDemo = new DemoStep();
        double objectLoss = 0;
        double[] objectTimes = Time(context, "object graph", () =>
        {
            Value loss = objectDemo.BuildLoss();   // the object graph is rebuilt every step
            objectDemo.Model.ZeroGrad();
            loss.Backward();
            objectDemo.Optimizer.Step();
            objectLoss = loss.Data;
        }, warmup, steps);

        var compiledDemo = new DemoStep();
        CompiledGraph compiled = compiledDemo.BuildLoss().Compile();   // built once; Forward rereads the parameters
        double[] compiledTimes = Time(context, "compiled tape", () =>
        {
            compiledDemo.Model.ZeroGrad();
            compiled.Forward();
            compiled.Backward();
            compiledDemo.Optimizer.Step();
        }, warmup, steps);

        // What michigrad train runs: the Trainer's compiled step (one row's graph over the 100 rows), its first step
        // compiling it.
        var trainerDemo = new DemoStep();
        var trainer = new Trainer(trainerDemo.Model, Objective.Hinge, trainerDemo.Optimizer, DemoStep.L2);
        double trainerLoss = 0;
        double[] trainerTimes = Time(context, "Trainer step", () => trainerLoss = trainer.Step(trainerDemo.Data).Loss,
            warmup, steps);

        CompileStatistics stats = compiled.Statistics;
        double objectMedian = Median(objectTimes), compiledMedian = Median(compiledTimes), trainerMedian = Median(trainerTimes);
        string F(double v, string format = "F2") => v.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded)   // narrow enough for an 80-column terminal
            .AddColumn("path")
            .AddColumn(new TableColumn("median ms/step").RightAligned())
            .AddColumn(new TableColumn("min").RightAligned())
            .AddColumn(new TableColumn("max").RightAligned())
            .AddColumn(new TableColumn("speed-up").RightAligned())
            .AddColumn(new TableColumn("nodes").RightAligned());
        table.AddRow("object graph", F(objectMedian), F(objectTimes[0]), F(objectTimes[^1]), "1.00×", F(stats.OriginalNodeCount, "N0"));
        table.AddRow("compiled", F(compiledMedian), F(compiledTimes[0]), F(compiledTimes[^1]), $"{F(objectMedian / compiledMedian)}×",
            F(stats.TapeNodeCount, "N0"));
        table.AddRow("Trainer step", F(trainerMedian), F(trainerTimes[0]), F(trainerTimes[^1]), $"{F(objectMedian / trainerMedian)}×", "");

        MLP model = compiledDemo.Model;
        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"micrograd's demo step: 100 moons, {model} ({model.ParameterCount} parameters), hinge + {DemoStep.L2:0e-0}·L2, SGD; {warmup} warm-up + {steps} timed steps on each path, in this process."));
        context.Console.Write(table);
        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The object graph is rebuilt every step; the compiled tape was built once, in {stats.CompileTime.TotalMilliseconds:F1} ms: {stats.OriginalNodeCount:N0} graph nodes → {stats.TapeNodeCount:N0} tape nodes."));
        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The Trainer step (what michigrad train runs: one row's graph compiled once, run over the 100 rows) took a median {trainerMedian * 1000:F1} µs as this app ran it; BenchmarkDotNet's DemoStepBenchmarks.TrainerStep times the same step after its long warm-up."));
        // The paths took the same steps from the same start, so they should end at the same loss.
        string objectLossText = F(objectLoss, "F6"), compiledLossText = F(compiled.Output, "F6"), trainerLossText = F(trainerLoss, "F6");
        context.Console.WriteLine(objectLossText == compiledLossText
            ? $"Last loss {objectLossText} on both paths."
            : $"Last loss {objectLossText} on the object graph but {compiledLossText} compiled: the paths disagree.");
        context.Console.WriteLine(trainerLossText == objectLossText
            ? $"The Trainer step's last loss is {trainerLossText} too."
            : $"The Trainer step's last loss is {trainerLossText}, not the object graph's {objectLossText}: the paths disagree.");
        return ExitCodes.Ok;
    }

    /// <summary>The milliseconds of each of <paramref name="steps"/> timed steps after <paramref name="warmup"/>
    /// untimed ones, sorted; progress says which path runs (see <see cref="WorkProgress"/>).</summary>
    private static double[] Time(CliContext context, string path, Action step, int warmup, int steps)
    {
        var times = new double[steps];
        WorkProgress.Run(context, string.Create(CultureInfo.InvariantCulture, $"bench: the {path}, {warmup:N0} + {steps:N0} steps"),
            (long)warmup + steps, done =>
            {
                long start = Stopwatch.GetTimestamp();
                step();
                if (done >= warmup) times[done - warmup] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                return 1;
            });
        Array.Sort(times);
        return times;
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

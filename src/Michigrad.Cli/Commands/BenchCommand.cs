using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Michigrad.Cli.Running;
using Michigrad.Compiled;
using Michigrad.NN;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad bench</c>: times micrograd's demo step (100 moons, 2-16-16-1, hinge + L2, SGD) with a
/// Stopwatch, on the object graph and on the compiled tape.</summary>
/// <remarks>A quick look, not a benchmark suite: for careful numbers use bench/Michigrad.Bench (BenchmarkDotNet).</remarks>
internal static class BenchCommand
{
    private static readonly Option<int> StepsOption = OptionParsers.Int("--steps",
        $"Timed steps, on each path (at most {Limits.MaxBenchSteps:N0}).", 30, maximum: Limits.MaxBenchSteps);
    private static readonly Option<int> WarmupOption = OptionParsers.Int("--warmup",
        $"Untimed steps first, on each path (JIT, caches; at most {Limits.MaxBenchSteps:N0}).", 5, minimum: 0, maximum: Limits.MaxBenchSteps);

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("bench",
            "Time the demo's training step on the object graph and compiled: median milliseconds per step and the speed-up. " +
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

        // Each path gets a fresh model from the same seed, so both time the same sequence of steps.
        var objectDemo = new DemoStep();
        double objectLoss = 0;
        var compiledDemo = new DemoStep();
        CompiledGraph compiled = compiledDemo.BuildLoss().Compile();   // built once; Forward rereads the parameters
        var objectTimes = new double[steps];
        var compiledTimes = new double[steps];
        // Every step of both paths, the object graph's first: warm-up steps, then timed ones.
        long perPath = (long)warmup + steps;
        WorkProgress.Run(context, string.Create(CultureInfo.InvariantCulture, $"bench: {warmup:N0} + {steps:N0} steps on each path"),
            2 * perPath, done =>
            {
                bool objectPath = done < perPath;
                long k = objectPath ? done : done - perPath;
                long start = Stopwatch.GetTimestamp();
                if (objectPath)
                {
                    Value loss = objectDemo.BuildLoss();   // the object graph is rebuilt every step
                    objectDemo.Model.ZeroGrad();
                    loss.Backward();
                    objectDemo.Optimizer.Step();
                    objectLoss = loss.Data;
                }
                else
                {
                    compiledDemo.Model.ZeroGrad();
                    compiled.Forward();
                    compiled.Backward();
                    compiledDemo.Optimizer.Step();
                }
                if (k >= warmup) (objectPath ? objectTimes : compiledTimes)[k - warmup] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                return 1;
            });
        Array.Sort(objectTimes);
        Array.Sort(compiledTimes);

        CompileStatistics stats = compiled.Statistics;
        double objectMedian = Median(objectTimes), compiledMedian = Median(compiledTimes);
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

        MLP model = compiledDemo.Model;
        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"micrograd's demo step: 100 moons, {model} ({model.ParameterCount} parameters), hinge + {DemoStep.L2:0e-0}·L2, SGD; {warmup} warm-up + {steps} timed steps on each path."));
        context.Console.Write(table);
        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The object graph is rebuilt every step; the compiled tape was built once, in {stats.CompileTime.TotalMilliseconds:F1} ms: {stats.OriginalNodeCount:N0} graph nodes → {stats.TapeNodeCount:N0} tape nodes."));
        // Both paths took the same steps from the same start, so they should end at the same loss.
        string objectLossText = F(objectLoss, "F6"), compiledLossText = F(compiled.Output, "F6");
        context.Console.WriteLine(objectLossText == compiledLossText
            ? $"Last loss {objectLossText} on both paths."
            : $"Last loss {objectLossText} on the object graph but {compiledLossText} compiled: the paths disagree.");
        return ExitCodes.Ok;
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

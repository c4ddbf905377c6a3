using System.Globalization;
using Michigrad.Training;
using Spectre.Console;

namespace Michigrad.Cli.Running;

/// <summary>Shows training progress: a live bar on a terminal, plain lines every few steps otherwise.</summary>
internal static class ProgressReporter
{
    /// <summary>Runs up to <paramref name="steps"/> calls of <paramref name="step"/> (given the 0-based step index),
    /// reporting as it goes, until done, cancelled, or <paramref name="step"/> returns <see langword="null"/> (the
    /// run cannot go on). Returns the results of the completed steps.</summary>
    public static List<StepResult> Run(CliContext context, int steps, Func<int, StepResult?> step)
    {
        var history = new List<StepResult>(Math.Min(steps, 1 << 16));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (context.Live)
        {
            context.Console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(progress =>
                {
                    ProgressTask task = progress.AddTask("starting", maxValue: steps);
                    for (int k = 0; k < steps && !context.Cancellation.IsCancellationRequested; k++)
                    {
                        if (step(k) is not StepResult result) break;
                        history.Add(result);
                        task.Description = Markup.Escape(Line(k + 1, steps, result, clock.Elapsed));
                        task.Increment(1);
                    }
                });
            return history;
        }

        // Plain lines: about ten of them. The last step's is left to the caller, which prints the saved model's.
        int every = Every(steps);
        for (int k = 0; k < steps && !context.Cancellation.IsCancellationRequested; k++)
        {
            if (step(k) is not StepResult result) break;
            history.Add(result);
            if ((k + 1) % every == 0 && k + 1 < steps)
                context.Console.WriteLine(Line(k + 1, steps, result, clock.Elapsed));
        }
        return history;
    }

    /// <summary>The last progress line: the loss and accuracy of the model as saved, after the last step.</summary>
    public static string FinalLine(int steps, StepResult final, TimeSpan elapsed) =>
        Line(steps, steps, final, elapsed) + "  (the saved model)";

    /// <summary>How often the plain output prints a line: every tenth of the run.</summary>
    private static int Every(int steps) => Math.Max(1, steps / 10);

    private static string Line(int done, int steps, StepResult result, TimeSpan elapsed)
    {
        string total = steps.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"step {done.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)}/{total}  loss {Numbers.Readable(result.Loss)}  accuracy {result.Accuracy * 100,5:F1}%  {done / Math.Max(elapsed.TotalSeconds, 1e-9),6:F1} steps/s");
    }
}

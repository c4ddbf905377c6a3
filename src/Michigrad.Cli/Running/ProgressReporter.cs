using System.Globalization;
using Michigrad.Training;
using Spectre.Console;

namespace Michigrad.Cli.Running;

/// <summary>Shows training progress: a live bar on a terminal, plain lines every few steps otherwise.</summary>
internal static class ProgressReporter
{
    /// <summary>Runs up to <paramref name="steps"/> calls of <paramref name="step"/> (given the 0-based step index),
    /// reporting as it goes, until done or cancelled. Returns the results of the completed steps.</summary>
    public static List<StepResult> Run(CliContext context, int steps, Func<int, StepResult> step)
    {
        var history = new List<StepResult>(steps);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (context.Live)
        {
            context.Console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(progress =>
                {
                    ProgressTask task = progress.AddTask("starting", maxValue: steps);
                    for (int k = 0; k < steps && !context.Cancellation.IsCancellationRequested; k++)
                    {
                        history.Add(step(k));
                        task.Description = Markup.Escape(Line(k + 1, steps, history[^1], clock.Elapsed));
                        task.Increment(1);
                    }
                });
            return history;
        }

        // Plain lines: about ten of them, and always the last step.
        int every = Every(steps);
        for (int k = 0; k < steps && !context.Cancellation.IsCancellationRequested; k++)
        {
            history.Add(step(k));
            if ((k + 1) % every == 0 || k + 1 == steps)
                context.Console.WriteLine(Line(k + 1, steps, history[^1], clock.Elapsed));
        }
        return history;
    }

    /// <summary>How often the plain output prints a line (and the trainer saves a checkpoint).</summary>
    public static int Every(int steps) => Math.Max(1, steps / 10);

    private static string Line(int done, int steps, StepResult result, TimeSpan elapsed)
    {
        string total = steps.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"step {done.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)}/{total}  loss {result.Loss:F4}  accuracy {result.Accuracy * 100,5:F1}%  {done / Math.Max(elapsed.TotalSeconds, 1e-9),6:F1} steps/s");
    }
}

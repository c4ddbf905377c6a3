using System.Globalization;
using Michigrad.Training;
using Spectre.Console;

namespace Michigrad.Cli.Running;

/// <summary>Shows training progress: a live bar on a terminal, plain lines every few steps otherwise.</summary>
internal static class ProgressReporter
{
    /// <summary>Runs up to <paramref name="steps"/> calls of <paramref name="step"/> (given the 0-based step index),
    /// reporting as it goes, until done, cancelled, or <paramref name="step"/> returns <see langword="null"/> (the
    /// run cannot go on), and marking each step's end on <paramref name="clock"/>. Returns the results of the
    /// completed steps.</summary>
    public static List<StepResult> Run(CliContext context, int steps, StepClock clock, Func<int, StepResult?> step)
    {
        var history = new List<StepResult>(Math.Min(steps, 1 << 16));
        int every = Every(steps);
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
                        clock.StepDone(k + 1);
                        history.Add(result);
                        double rate = (k + 1) % every == 0 ? clock.Lap(k + 1) : clock.StepsPerSecond(k + 1);
                        task.Description = Markup.Escape(Line(k + 1, steps, result, rate));
                        task.Increment(1);
                    }
                });
            return history;
        }

        // Plain lines: about ten of them. The last step's is left to the caller, which prints the saved model's.
        for (int k = 0; k < steps && !context.Cancellation.IsCancellationRequested; k++)
        {
            if (step(k) is not StepResult result) break;
            clock.StepDone(k + 1);
            history.Add(result);
            if ((k + 1) % every == 0 && k + 1 < steps)
                context.Console.WriteLine(Line(k + 1, steps, result, clock.Lap(k + 1)));
        }
        return history;
    }

    /// <summary>The last progress line: the loss and accuracy of the model as saved, after the last step.</summary>
    public static string FinalLine(int steps, StepResult final, StepClock clock) =>
        Line(steps, steps, final, clock.Lap(steps)) + "  (the saved model)";

    /// <summary>How often the plain output prints a line, and a speed's lap: every tenth of the run.</summary>
    private static int Every(int steps) => Math.Max(1, steps / 10);

    /// <summary>A progress line; its speed is of the steps since the previous line (<see cref="StepClock"/>).</summary>
    private static string Line(int done, int steps, StepResult result, double stepsPerSecond)
    {
        string total = steps.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"step {done.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)}/{total}  loss {Numbers.Readable(result.Loss)}  accuracy {result.Accuracy * 100,5:F1}%  {stepsPerSecond,6:F1} steps/s");
    }
}

using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Michigrad.Cli.Running;

/// <summary>Shows how far a long piece of work has come: a live bar on a terminal; otherwise, once the work has run
/// for a second, a line on standard error every tenth of it (standard output may be the command's data).</summary>
internal static class WorkProgress
{
    /// <summary>How long work runs before plain progress lines start: a short run stays quiet.</summary>
    private static readonly TimeSpan QuietFor = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="step"/> until <paramref name="total"/> units are done: given the units done so
    /// far, it does some (at least one) and returns how many. Ctrl+C is checked before each step.</summary>
    /// <param name="context">The console, the error stream and the cancellation.</param>
    /// <param name="description">What is being done, such as "scoring rows".</param>
    /// <param name="total">The units of work.</param>
    /// <param name="step">Does some units from the given count done so far and returns how many.</param>
    /// <exception cref="OperationCanceledException">Ctrl+C.</exception>
    public static void Run(CliContext context, string description, long total, Func<long, long> step)
    {
        if (context.Live)
        {
            context.Console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(progress =>
                {
                    ProgressTask task = progress.AddTask(Markup.Escape(description), maxValue: total);
                    for (long done = 0; done < total;)
                    {
                        context.Cancellation.ThrowIfCancellationRequested();
                        long did = step(done);
                        done += did;
                        task.Increment(did);
                    }
                });
            return;
        }

        var clock = Stopwatch.StartNew();
        long every = Math.Max(1, total / 10), next = every;
        for (long done = 0; done < total;)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            done += step(done);
            if (done < next || done >= total) continue;
            next = (done / every + 1) * every;
            if (clock.Elapsed >= QuietFor)
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{description}: {done:N0} of {total:N0} ({100.0 * done / total:F0}%) after {clock.Elapsed.TotalSeconds:F0} s"));
        }
    }
}

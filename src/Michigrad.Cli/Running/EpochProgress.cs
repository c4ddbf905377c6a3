using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Michigrad.Cli.Running;

/// <summary>Shows the progress of training by epochs: on a terminal a live bar per epoch that names the batch, its
/// loss and the images per second; otherwise a plain line every tenth of an epoch. A line per epoch either way.</summary>
internal sealed class EpochProgress(CliContext context, int epochs, int batchesPerEpoch, int batchSize)
{
    private readonly Stopwatch _clock = new();
    private long _images;

    /// <summary>How long the first batch took: it builds and compiles the batch graph that the others replay.</summary>
    public TimeSpan FirstBatchTime { get; private set; }

    /// <summary>Images per second over the training so far (the time spent scoring the test set left out), from the
    /// second batch on: the first one's graph building would make a short run's rate look many times slower.</summary>
    public double ImagesPerSecond => _images > batchSize
        ? (_images - batchSize) / Math.Max((_clock.Elapsed - FirstBatchTime).TotalSeconds, 1e-9)
        : _images / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);

    /// <summary>Training time so far, without the scoring.</summary>
    public TimeSpan TrainingTime => _clock.Elapsed;

    /// <summary>Runs the batches of epoch <paramref name="epoch"/> (0-based) from <paramref name="first"/>:
    /// <paramref name="step"/> trains batch b and returns its loss, or <see langword="null"/> to stop. Returns how
    /// many batches ran.</summary>
    public int RunEpoch(int epoch, int first, int last, Func<int, (double Loss, double Accuracy)?> step)
    {
        int done = 0;
        string name = string.Create(CultureInfo.InvariantCulture, $"epoch {epoch + 1}/{epochs}");
        if (context.Live)
        {
            context.Console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(progress =>
                {
                    ProgressTask task = progress.AddTask(name, maxValue: last - first);
                    for (int b = first; b < last && !context.Cancellation.IsCancellationRequested; b++)
                    {
                        if (!Timed(() => step(b), out var result)) break;
                        done++;
                        task.Description = Markup.Escape(Line(name, b + 1, result));
                        task.Increment(1);
                    }
                });
            return done;
        }

        int every = Math.Max(1, batchesPerEpoch / 10);
        for (int b = first; b < last && !context.Cancellation.IsCancellationRequested; b++)
        {
            if (!Timed(() => step(b), out var result)) break;
            done++;
            if ((b + 1) % every == 0 && b + 1 < batchesPerEpoch)
                context.Console.WriteLine(Line(name, b + 1, result));
        }
        return done;
    }

    /// <summary>The line that closes an epoch: its mean training loss and accuracy, and the test set's.</summary>
    public void EpochLine(int epoch, double trainLoss, double trainAccuracy, ImageScores test) =>
        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch + 1}/{epochs}  train loss {Numbers.Readable(trainLoss)} accuracy {trainAccuracy * 100:F1}%  test loss {Numbers.Readable(test.Loss)} accuracy {test.AccuracyText}  {ImagesPerSecond:F0} images/s"));

    private bool Timed(Func<(double Loss, double Accuracy)?> step, out (double Loss, double Accuracy) result)
    {
        _clock.Start();
        var outcome = step();
        _clock.Stop();
        result = outcome ?? default;
        if (outcome is null) return false;
        if (_images == 0) FirstBatchTime = _clock.Elapsed;
        _images += batchSize;
        return true;
    }

    private string Line(string epoch, int batch, (double Loss, double Accuracy) result)
    {
        string total = batchesPerEpoch.ToString(CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{epoch}  batch {batch.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)}/{total}  loss {Numbers.Readable(result.Loss)}  accuracy {result.Accuracy * 100,5:F1}%  {ImagesPerSecond,6:F0} images/s");
    }
}

using System.Diagnostics;

namespace Michigrad.Cli.Running;

/// <summary>When a training run saves <c>model.json</c> on its way: after every tenth of its steps, at least every
/// <c>--checkpoint-every</c> seconds, and after any step longer than the time Ctrl+C waits for a command to stop (a
/// Ctrl+C in the next step would end the process inside it, so the step just done must already be on disk).</summary>
/// <param name="totalSteps">The steps of the whole run; the last one is saved by the run's end, not here.</param>
/// <param name="interval">The longest time between two checkpoints.</param>
internal sealed class Checkpoints(long totalSteps, TimeSpan interval)
{
    private readonly long _every = Math.Max(1, totalSteps / 10);
    private readonly Stopwatch _sinceSaved = Stopwatch.StartNew();
    private readonly Stopwatch _step = new();

    /// <summary>Whether any checkpoint has been saved.</summary>
    public bool Saved { get; private set; }

    /// <summary>Marks the start of a step.</summary>
    public void StepStarts() => _step.Restart();

    /// <summary>Whether to save after <paramref name="stepsDone"/> complete steps.</summary>
    public bool Due(long stepsDone) => stepsDone < totalSteps
        && (stepsDone % _every == 0 || _sinceSaved.Elapsed >= interval || _step.Elapsed >= Program.GracePeriod);

    /// <summary>Records a save (a checkpoint, or the end of an epoch).</summary>
    public void Save(Action save)
    {
        save();
        Saved = true;
        _sinceSaved.Restart();
    }
}

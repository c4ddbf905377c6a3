using System.Diagnostics;
using System.Globalization;

namespace Michigrad.Cli.Running;

/// <summary>
/// Times a training run so that a speed is of the steps it names: a progress line's speed is of the steps since the
/// previous line, and the run's average leaves out the first step, which also compiles the model's graph (and, in a
/// fresh process, jits the code).
/// </summary>
internal sealed class StepClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _firstStep;
    private (int Done, TimeSpan At) _lap;
    private double _lastLapRate;

    /// <summary>The time since the run started (until <see cref="Stop"/>).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Marks the end of a step; <paramref name="done"/> steps are now done.</summary>
    public void StepDone(int done)
    {
        if (_firstStep is not null) return;
        _firstStep = _clock.Elapsed;
        _lap = (done, _clock.Elapsed);
    }

    /// <summary>Stops the clock at the end of the run, before anything is evaluated or written.</summary>
    public void Stop() => _clock.Stop();

    /// <summary>Steps a second since the last lap (the first step's end at first), without starting a new lap: the
    /// previous lap's speed while no step has ended since.</summary>
    public double StepsPerSecond(int done)
    {
        TimeSpan since = _clock.Elapsed - _lap.At;
        if (done > _lap.Done && since > TimeSpan.Zero) return (done - _lap.Done) / since.TotalSeconds;
        return _lastLapRate > 0 ? _lastLapRate : 1 / Math.Max((_firstStep ?? _clock.Elapsed).TotalSeconds, 1e-9);
    }

    /// <summary>Steps a second since the last lap, and a new lap starts here.</summary>
    public double Lap(int done)
    {
        double rate = StepsPerSecond(done);
        (_lastLapRate, _lap) = (rate, (done, _clock.Elapsed));
        return rate;
    }

    /// <summary>The run's time and where it went: <c>0.2 s (first step 0.06 s, then 740.2 steps/s)</c>, the speed
    /// being the average of the steps after the first.</summary>
    public string Summary(int done)
    {
        TimeSpan first = _firstStep ?? _clock.Elapsed;
        TimeSpan after = _clock.Elapsed - first;
        double rate = done > 1 && after > TimeSpan.Zero ? (done - 1) / after.TotalSeconds : 1 / Math.Max(first.TotalSeconds, 1e-9);
        return string.Create(CultureInfo.InvariantCulture,
            $"{_clock.Elapsed.TotalSeconds:F1} s (first step {first.TotalSeconds:F2} s, then {rate:F1} steps/s)");
    }
}

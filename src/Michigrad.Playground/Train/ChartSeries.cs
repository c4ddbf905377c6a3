namespace Michigrad.Playground.Train;

/// <summary>One line of a <see cref="TrainChart"/>: a value per step, from step 1.</summary>
/// <param name="Name">The legend's text.</param>
/// <param name="Points">The values.</param>
/// <param name="Kind">"train" or "test": the line's style.</param>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Points, string Kind);

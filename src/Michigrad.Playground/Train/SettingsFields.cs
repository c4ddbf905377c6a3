using System.Globalization;

namespace Michigrad.Playground.Train;

/// <summary>The rule of each field of the Train tab: the text typed (or read from a link) becomes its value, or a
/// message saying what is wrong with it. A field whose text breaks its rule is marked and nothing trains until it is
/// fixed: its previous value is never used in its place.</summary>
public static class SettingsFields
{
    /// <summary>The most samples a generator makes.</summary>
    public const int MaxSamples = 1000;

    /// <summary>The most steps a budget allows.</summary>
    public const int MaxBudget = 100_000;

    /// <summary>The largest share of the rows held out, in percent.</summary>
    public const int MaxTestPercent = 50;

    /// <summary>The largest learning rate accepted (enough to watch a run diverge).</summary>
    public const double MaxLearningRate = 1000;

    /// <summary>The most neurons in a hidden layer, and the most hidden layers.</summary>
    public const int MaxWidth = 64, MaxHiddenLayers = 4;

    public static Field<int> Samples(string? text) => Int(text, 4, MaxSamples);

    public static Field<int> BatchSize(string? text) => Int(text, 0, 100_000);

    public static Field<int> Seed(string? text) => Int(text, int.MinValue, int.MaxValue);

    public static Field<int> TestPercent(string? text) => Int(text, 0, MaxTestPercent);

    public static Field<int> Budget(string? text) => Int(text, 1, MaxBudget);

    public static Field<int> Speed(string? text) => Int(text, 0, TrainSpeed.Fastest);

    /// <summary>A positive number up to <see cref="MaxLearningRate"/>; a decimal comma is read as a point.</summary>
    public static Field<double> LearningRate(string? text)
    {
        string s = (text ?? "").Trim();
        if (!s.Contains('.')) s = s.Replace(',', '.');
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) && rate > 0 && rate <= MaxLearningRate
            ? new(rate, null)
            : new(null, new TrainMessage("field.lr", text ?? "", MaxLearningRate.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Whole numbers from 1 to <see cref="MaxWidth"/> separated by commas, at most
    /// <see cref="MaxHiddenLayers"/> of them; empty for no hidden layer (a linear model).</summary>
    public static (int[]? Sizes, TrainMessage? Error) Hidden(string? text)
    {
        var sizes = new List<int>();
        foreach (string part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > MaxWidth)
                return (null, new TrainMessage("field.hidden", part, MaxWidth.ToString(CultureInfo.InvariantCulture)));
            sizes.Add(n);
        }
        return sizes.Count > MaxHiddenLayers
            ? (null, new TrainMessage("field.hidden.layers", MaxHiddenLayers.ToString(CultureInfo.InvariantCulture), sizes.Count.ToString(CultureInfo.InvariantCulture)))
            : (sizes.ToArray(), null);
    }

    private static Field<int> Int(string? text, int min, int max)
    {
        if (int.TryParse((text ?? "").Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max)
            return new(n, null);
        return min == int.MinValue
            ? new(null, new TrainMessage("field.whole", text ?? ""))
            : new(null, new TrainMessage("field.int", text ?? "", min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture)));
    }
}

/// <summary>A field's value, or the message saying why its text is not one.</summary>
public readonly record struct Field<T>(T? Value, TrainMessage? Error) where T : struct;

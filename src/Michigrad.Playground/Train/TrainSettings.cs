using System.Globalization;

namespace Michigrad.Playground.Train;

/// <summary>What the Train tab trains: data, network, loss, optimizer and its knobs. Defaults are micrograd's demo
/// (100 moons, 2-16-16-1 ReLU, hinge loss + 1e-4·L2, SGD from 1.0 decaying to 0.1 over 100 steps).</summary>
public sealed class TrainSettings
{
    /// <summary>The generated datasets, plus "csv" for an uploaded file.</summary>
    public static readonly string[] DatasetNames = ["moons", "circles", "xor", "blobs", "spiral", "csv"];

    /// <summary>Activations of the hidden layers.</summary>
    public static readonly string[] Activations = ["relu", "tanh", "sigmoid"];

    /// <summary>Losses, by the names <c>michigrad train</c> uses.</summary>
    public static readonly string[] Losses = ["hinge", "mse", "bce", "ce"];

    /// <summary>Optimizers.</summary>
    public static readonly string[] Optimizers = ["sgd", "adam"];

    public string Dataset { get; set; } = "moons";
    public int Samples { get; set; } = 100;
    public string Hidden { get; set; } = "16,16";
    public string Activation { get; set; } = "relu";
    public string Loss { get; set; } = "hinge";
    public string Optimizer { get; set; } = "sgd";
    public double LearningRate { get; set; } = 1.0;
    public bool Decay { get; set; } = true;
    public int BatchSize { get; set; }
    public int Seed { get; set; } = 2;

    /// <summary>The hidden sizes, or an error message naming the bad entry.</summary>
    public (int[]? Sizes, string? Error) ParseHidden()
    {
        var sizes = new List<int>();
        foreach (string part in Hidden.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > 64)
                return (null, $"Hidden sizes must be whole numbers from 1 to 64 separated by commas, got '{part}'.");
            sizes.Add(n);
        }
        return sizes.Count > 4 ? (null, "At most 4 hidden layers.") : (sizes.ToArray(), null);
    }

    /// <summary>The settings as URL pairs.</summary>
    public IEnumerable<(string Key, string Value)> ToPairs()
    {
        yield return ("ds", Dataset);
        yield return ("n", Samples.ToString(CultureInfo.InvariantCulture));
        yield return ("hidden", Hidden);
        yield return ("act", Activation);
        yield return ("loss", Loss);
        yield return ("opt", Optimizer);
        yield return ("lr", LearningRate.ToString("R", CultureInfo.InvariantCulture));
        yield return ("decay", Decay ? "1" : "0");
        yield return ("batch", BatchSize.ToString(CultureInfo.InvariantCulture));
        yield return ("seed", Seed.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the pairs written by <see cref="ToPairs"/>, keeping the default of any missing or bad one.</summary>
    public static TrainSettings FromPairs(IReadOnlyDictionary<string, string> pairs)
    {
        var s = new TrainSettings();
        if (pairs.TryGetValue("ds", out string? ds) && DatasetNames.Contains(ds) && ds != "csv") s.Dataset = ds;
        if (Int(pairs, "n") is int n && n >= 4 && n <= 1000) s.Samples = n;
        if (pairs.TryGetValue("hidden", out string? hidden)) s.Hidden = hidden;
        if (pairs.TryGetValue("act", out string? act) && Activations.Contains(act)) s.Activation = act;
        if (pairs.TryGetValue("loss", out string? loss) && Losses.Contains(loss)) s.Loss = loss;
        if (pairs.TryGetValue("opt", out string? opt) && Optimizers.Contains(opt)) s.Optimizer = opt;
        if (pairs.TryGetValue("lr", out string? lr) && double.TryParse(lr, NumberStyles.Float, CultureInfo.InvariantCulture, out double r)
            && r > 0 && double.IsFinite(r)) s.LearningRate = r;
        if (pairs.TryGetValue("decay", out string? decay)) s.Decay = decay == "1";
        if (Int(pairs, "batch") is int b && b >= 0) s.BatchSize = b;
        if (Int(pairs, "seed") is int seed) s.Seed = seed;
        return s;
    }

    private static int? Int(IReadOnlyDictionary<string, string> pairs, string key) =>
        pairs.TryGetValue(key, out string? v) && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) ? n : null;
}

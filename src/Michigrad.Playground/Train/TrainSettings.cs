using System.Globalization;
using Michigrad.Data;
using Michigrad.Training;

namespace Michigrad.Playground.Train;

/// <summary>What the Train tab trains: data, network, loss, optimizer and its knobs, the held-out share, the step
/// budget and the speed. The defaults are micrograd's demo (100 moons, 2-16-16-1 ReLU, hinge loss + 1e-4·L2, SGD from
/// 1.0 decaying to 0.1 over 100 steps); another dataset brings the library's defaults for it
/// (<see cref="UseDefaultsFor"/>).</summary>
public sealed class TrainSettings
{
    /// <summary>The name of an uploaded CSV file among <see cref="DatasetNames"/>.</summary>
    public const string Csv = "csv";

    /// <summary>The library's generators, plus <see cref="Csv"/> for an uploaded file.</summary>
    public static IReadOnlyList<string> DatasetNames { get; } = [.. Datasets.GeneratorNames, Csv];

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

    /// <summary>The share of the rows held out of training to measure the model on, in percent (0: none).</summary>
    public int TestPercent { get; set; } = 20;

    /// <summary>Training stops after this many steps.</summary>
    public int Budget { get; set; } = 500;

    /// <summary>The speed of Play, an index into <see cref="TrainSpeed.StepsPerSecond"/>.</summary>
    public int Speed { get; set; } = TrainSpeed.Fastest;

    /// <summary>The objective the <see cref="Loss"/> names.</summary>
    public Objective Objective => Loss switch
    {
        "mse" => Objective.MeanSquaredError,
        "bce" => Objective.BinaryCrossEntropy,
        "ce" => Objective.CrossEntropy,
        _ => Objective.Hinge,
    };

    /// <summary>The library's defaults for a dataset (<see cref="TrainingDefaults"/>, as <c>michigrad train</c> reads
    /// them): the loss for its number of classes and the optimizer's learning rate for the data and that loss.</summary>
    /// <param name="dataset">A generator's name, or a file's name for data of unit scale.</param>
    /// <param name="classCount">The data's number of classes.</param>
    public void UseDefaultsFor(string dataset, int classCount)
    {
        Loss = Objectives.Name(TrainingDefaults.Objective(classCount));
        UseDefaultLearningRate(dataset);
    }

    /// <summary>The library's learning rate for the optimizer and loss chosen, on <paramref name="dataset"/>.</summary>
    public double DefaultLearningRate(string dataset) => Optimizer == "adam"
        ? TrainingDefaults.AdamLearningRate(dataset)
        : TrainingDefaults.SgdLearningRate(dataset, Objective);

    /// <summary>Sets the learning rate to <see cref="DefaultLearningRate"/>.</summary>
    public void UseDefaultLearningRate(string dataset) => LearningRate = DefaultLearningRate(dataset);

    /// <summary>The hidden sizes, or the message naming the bad entry.</summary>
    public (int[]? Sizes, TrainMessage? Error) ParseHidden() => SettingsFields.Hidden(Hidden);

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
        yield return ("test", TestPercent.ToString(CultureInfo.InvariantCulture));
        yield return ("budget", Budget.ToString(CultureInfo.InvariantCulture));
        yield return ("speed", Speed.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads the pairs written by <see cref="ToPairs"/>, keeping the default of any missing or bad one (each
    /// value is checked by the rule of its field).</summary>
    public static TrainSettings FromPairs(IReadOnlyDictionary<string, string> pairs)
    {
        var s = new TrainSettings();
        string? Get(string key) => pairs.TryGetValue(key, out string? v) ? v : null;
        if (Get("ds") is { } ds && DatasetNames.Contains(ds)) s.Dataset = ds;
        if (SettingsFields.Samples(Get("n")).Value is int n) s.Samples = n;
        if (Get("hidden") is { } hidden && SettingsFields.Hidden(hidden).Sizes is not null) s.Hidden = hidden;
        if (Get("act") is { } act && Activations.Contains(act)) s.Activation = act;
        if (Get("loss") is { } loss && Losses.Contains(loss)) s.Loss = loss;
        if (Get("opt") is { } opt && Optimizers.Contains(opt)) s.Optimizer = opt;
        if (SettingsFields.LearningRate(Get("lr")).Value is double lr) s.LearningRate = lr;
        if (Get("decay") is { } decay) s.Decay = decay == "1";
        if (SettingsFields.BatchSize(Get("batch")).Value is int b) s.BatchSize = b;
        if (SettingsFields.Seed(Get("seed")).Value is int seed) s.Seed = seed;
        if (SettingsFields.TestPercent(Get("test")).Value is int test) s.TestPercent = test;
        if (SettingsFields.Budget(Get("budget")).Value is int budget) s.Budget = budget;
        if (SettingsFields.Speed(Get("speed")).Value is int speed) s.Speed = speed;
        return s;
    }
}

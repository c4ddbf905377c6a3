using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Michigrad.Cli.Plots;
using Michigrad.Cli.Running;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Optim;
using Michigrad.Serialization;
using Michigrad.Training;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad train</c>: trains an MLP; by default micrograd's moons demo, which reaches 100%.</summary>
internal static class TrainCommand
{
    /// <summary>The seed of the data, the weights and the batch order when <c>--seed</c> is not given.</summary>
    public const int DefaultSeed = 0;

    private static readonly Option<string> DatasetOption = new("--dataset")
    {
        Description = "moons, circles, xor, blobs, spiral, or a CSV file (with --target).",
        HelpName = "NAME|PATH.csv",
        DefaultValueFactory = _ => "moons",
    };
    private static readonly Option<string?> TargetOption = new("--target")
    {
        Description = "The CSV column that holds the labels.",
        HelpName = "COLUMN",
    };
    private static readonly Option<int> SamplesOption = OptionParsers.Int("--samples", "Points to generate.", 100);
    private static readonly Option<double?> NoiseOption = OptionParsers.Double("--noise",
        "Noise of the generated points [default: 0.1; circles 0.05; blobs 0.5 (their spread)].");
    private static readonly Option<int> ClassesOption = OptionParsers.Int("--classes", "Classes of blobs and spiral.", 3, minimum: 2);
    private static readonly Option<int[]> HiddenOption = OptionParsers.IntList("--hidden", "Widths of the hidden layers.", [16, 16]);
    private static readonly Option<string> ActivationOption = Choice("--activation", "The hidden layers' nonlinearity.", "relu", "relu", "tanh", "sigmoid");
    private static readonly Option<string?> LossOption = new("--loss")
    {
        Description = "hinge, mse, bce or ce [default: hinge for two classes, ce for more].",
        HelpName = "hinge|mse|bce|ce",
    };
    private static readonly Option<string> OptimizerOption = Choice("--optimizer", "sgd (rate decays linearly to a tenth, as micrograd's demo) or adam (constant rate).", "sgd", "sgd", "adam");
    private static readonly Option<double?> LearningRateOption = OptionParsers.Double("--lr", "Learning rate [default: 1 for sgd, 0.01 for adam].");
    private static readonly Option<double?> MomentumOption = OptionParsers.Double("--momentum", "SGD momentum [default: 0].");
    private static readonly Option<double?> L2Option = OptionParsers.Double("--l2", "Weight of the L2 penalty α·Σp² [default: 1e-4].");
    private static readonly Option<int> StepsOption = OptionParsers.Int("--steps", "Optimizer steps.", 100);
    private static readonly Option<int?> BatchSizeOption = OptionParsers.OptionalInt("--batch-size", "Rows per step [default: all of them].");
    private static readonly Option<int> SeedOption = OptionParsers.Int("--seed", "Seed of the data, the weights and the batch order.", DefaultSeed, minimum: 0);
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "Folder for model.json, loss.png and decision-boundary.png.",
        HelpName = "DIR",
        DefaultValueFactory = _ => "michigrad-out",
    };

    static TrainCommand()
    {
        LossOption.AcceptOnlyFromAmong("hinge", "mse", "bce", "ce");
    }

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("train", "Train a small network and write model.json, loss.png and decision-boundary.png.")
        {
            DatasetOption, TargetOption, SamplesOption, NoiseOption, ClassesOption, HiddenOption, ActivationOption,
            LossOption, OptimizerOption, LearningRateOption, MomentumOption, L2Option, StepsOption, BatchSizeOption,
            SeedOption, OutOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    private static Option<string> Choice(string name, string description, string defaultValue, params string[] values)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', values),
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    private static int Run(ParseResult parse, CliContext context)
    {
        string datasetName = parse.GetValue(DatasetOption)!;
        int seed = parse.GetValue(SeedOption);
        int steps = parse.GetValue(StepsOption);
        string optimizerName = parse.GetValue(OptimizerOption)!;
        double? momentum = parse.GetValue(MomentumOption);
        if (optimizerName == "adam" && momentum is > 0)
            throw new UsageException("--momentum applies to --optimizer sgd only.");

        Dataset data = DataSource.Load(datasetName, parse.GetValue(TargetOption), parse.GetValue(SamplesOption),
            parse.GetValue(NoiseOption), parse.GetValue(ClassesOption), seed);
        Objective objective = ObjectiveOf(parse.GetValue(LossOption), data.ClassCount);
        try
        {
            Objectives.CheckData(objective, data);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{DataName(datasetName)}: {DataSource.Sentence(e)}", e);
        }

        string folder = OutputFolder.Prepare(parse.GetValue(OutOption)!);
        string modelPath = Path.Combine(folder, "model.json");

        int[] hidden = parse.GetValue(HiddenOption)!;
        Activation activation = parse.GetValue(ActivationOption) switch
        {
            "tanh" => Activation.Tanh,
            "sigmoid" => Activation.Sigmoid,
            _ => Activation.ReLU,
        };
        int outputs = Objectives.OutputWidth(objective, data.ClassCount);
        var model = new MLP(data.FeatureCount, [.. hidden, outputs], hiddenActivation: activation, seed: seed);

        double baseRate = parse.GetValue(LearningRateOption) ?? (optimizerName == "adam" ? 0.01 : 1.0);
        Optimizer optimizer = optimizerName == "adam"
            ? new Adam(model.Parameters(), baseRate)
            : new Sgd(model.Parameters(), baseRate, momentum ?? 0);
        double l2 = parse.GetValue(L2Option) ?? 1e-4;
        var trainer = new Trainer(model, objective, optimizer, l2);

        int? batchSize = parse.GetValue(BatchSizeOption);
        var sampler = batchSize is int size && size < data.Count ? new BatchSampler(data.Count, size, seed) : null;
        int[][] epoch = [];
        var metadata = new ModelMetadata
        {
            Dataset = DataName(datasetName),
            Task = ModelTasks.For(objective, outputs),
            FeatureCount = data.FeatureCount,
            FeatureNames = data.FeatureNames,
            ClassCount = data.ClassCount,
            ClassNames = data.ClassNames ?? [.. Enumerable.Range(0, data.ClassCount).Select(c => c.ToString(CultureInfo.InvariantCulture))],
        };

        context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Training {model} ({model.ParameterCount} parameters) on {DataName(datasetName)}: {data.Count} rows, {data.ClassCount} classes."));
        var clock = Stopwatch.StartNew();
        bool savedCheckpoint = false;
        int every = ProgressReporter.Every(steps);
        List<StepResult> history = ProgressReporter.Run(context, steps, k =>
        {
            if (optimizer is Sgd) optimizer.LearningRate = baseRate * (1.0 - 0.9 * k / steps);   // micrograd: 1.0 - 0.9·k/100
            Dataset batch = data;
            if (sampler is not null)
            {
                int perEpoch = sampler.BatchesPerEpoch;
                if (k % perEpoch == 0) epoch = sampler.Epoch(k / perEpoch);
                batch = data.Subset(epoch[k % perEpoch]);
            }
            StepResult result = trainer.Step(batch);
            // A checkpoint now and then, so Ctrl+C leaves the last complete model (files are written whole).
            if ((k + 1) % every == 0 && k + 1 < steps)
            {
                ModelFile.Save(model, modelPath, metadata);
                savedCheckpoint = true;
            }
            return result;
        });
        clock.Stop();

        if (history.Count < steps)
        {
            context.Error.WriteLine(savedCheckpoint
                ? $"Interrupted after {history.Count} of {steps} steps; {modelPath} holds the last checkpoint."
                : $"Interrupted after {history.Count} of {steps} steps; no model file was written.");
            return ExitCodes.Interrupted;
        }

        ModelFile.Save(model, modelPath, metadata);
        string lossPath = Path.Combine(folder, "loss.png");
        LossPlot.Save(history, lossPath);
        string? boundaryPath = null;
        if (data.FeatureCount == 2)
        {
            boundaryPath = Path.Combine(folder, "decision-boundary.png");
            DecisionBoundaryPlot.Save(model, objective, data, boundaryPath, context.Cancellation);
        }

        double accuracy = trainer.Accuracy(data);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("").AddColumn("");
        table.HideHeaders();
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("dataset", string.Create(CultureInfo.InvariantCulture, $"{DataName(datasetName)} ({data.Count} rows, {data.FeatureCount} features, {data.ClassCount} classes)"));
        Row("model", string.Create(CultureInfo.InvariantCulture, $"{model}, {activation} ({model.ParameterCount} parameters)"));
        Row("loss", string.Create(CultureInfo.InvariantCulture, $"{Objectives.Name(objective)}{(l2 > 0 ? $" + {l2:G3}·L2" : "")}"));
        Row("optimizer", optimizer is Sgd
            ? string.Create(CultureInfo.InvariantCulture, $"sgd, lr {baseRate:G3} → {optimizer.LearningRate:G3}{(momentum is > 0 ? $", momentum {momentum:G3}" : "")}")
            : string.Create(CultureInfo.InvariantCulture, $"adam, lr {baseRate:G3}"));
        Row("steps", string.Create(CultureInfo.InvariantCulture, $"{steps} ({(sampler is null ? "full batch" : $"batches of {sampler.BatchSize}")})"));
        Row("final loss", history[^1].Loss.ToString("F4", CultureInfo.InvariantCulture));
        Row("training accuracy", string.Create(CultureInfo.InvariantCulture, $"{accuracy * 100:F1}%"));
        Row("time", string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F1} s ({steps / clock.Elapsed.TotalSeconds:F1} steps/s)"));
        Row("files", string.Join(Environment.NewLine, new[] { modelPath, lossPath, boundaryPath }.OfType<string>().Select(Shown)));
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static Objective ObjectiveOf(string? loss, int classCount) => loss switch
    {
        "hinge" => Objective.Hinge,
        "mse" => Objective.MeanSquaredError,
        "bce" => Objective.BinaryCrossEntropy,
        "ce" => Objective.CrossEntropy,
        _ => classCount == 2 ? Objective.Hinge : Objective.CrossEntropy,
    };

    // Relative to the current folder when inside it, otherwise the full path.
    private static string Shown(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    private static string DataName(string dataset) =>
        DataSource.IsGenerator(dataset) ? dataset.ToLowerInvariant() : Path.GetFileName(dataset);
}

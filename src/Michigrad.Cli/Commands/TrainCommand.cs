using System.CommandLine;
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
internal static partial class TrainCommand
{
    /// <summary>The seed of the data, the weights and the batch order when <c>--seed</c> is not given.</summary>
    public const int DefaultSeed = 0;

    /// <summary>The longest a run goes without saving a checkpoint when <c>--checkpoint-every</c> is not given.</summary>
    public const double DefaultCheckpointSeconds = 30;

    private static readonly int[] DefaultHidden = [16, 16];

    /// <summary>Points a generator makes when <c>--samples</c> is not given: micrograd's demo has 100.</summary>
    public const int DefaultSamples = 100;

    /// <summary>Optimizer steps when <c>--steps</c> is not given (not on an image set, which trains for epochs).</summary>
    public const int DefaultSteps = 100;

    /// <summary>The training images the final loss and training accuracy of an image run are measured on.</summary>
    private const int MeasuredImageRows = 10_000;

    private const string ModelFileName = "model.json";
    private const string LossFile = "loss.png";
    private const string BoundaryFile = "decision-boundary.png";

    /// <summary>Every file a run writes or removes in its <c>--out</c> folder.</summary>
    private static readonly string[] RunFiles = [ModelFileName, LossFile, BoundaryFile, ConfusionFile, PredictionsFile];

    private static readonly Option<string> DatasetOption = new("--dataset")
    {
        Description = "moons, circles, xor, blobs, spiral, fashion-mnist, mnist (images, scored on their test set), or a CSV file (with --target).",
        HelpName = "NAME|PATH.csv",
        DefaultValueFactory = _ => "moons",
    };
    private static readonly Option<string?> TargetOption = new("--target")
    {
        Description = "The CSV column that holds the labels.",
        HelpName = "COLUMN",
    };
    private static readonly Option<string?> DelimiterOption = new("--delimiter")
    {
        Description = "The CSV file's field separator [default: the one its header line uses most: ',' ';' tab or '|'].",
        HelpName = ",|;|tab||",
    };
    private static readonly Option<string?> DataDirOption = new("--data-dir")
    {
        Description = $"The folder of fashion-mnist's or mnist's IDX files [default for fashion-mnist: {Datasets.FashionMnistDirectory}, from 'sudo apt-get install dataset-fashion-mnist'].",
        HelpName = "DIR",
    };
    // --samples, --steps and --optimizer have no default value factory: help would print one default after the
    // description, which gives the image sets' defaults too. Their descriptions say both.
    private static readonly Option<int?> SamplesOption = OptionParsers.OptionalInt("--samples",
        $"Points to generate, at most {Limits.MaxSamples:N0} [default: {DefaultSamples}]; with fashion-mnist and mnist, the first N images of each of the training and test sets [default: all of them].", maximum: Limits.MaxSamples);
    private static readonly Option<double?> NoiseOption = OptionParsers.Double("--noise",
        $"Noise of the generated points, at most {Limits.MaxNoise} [default: 0.1; circles 0.05; blobs 0.5 (their spread)].", maximum: Limits.MaxNoise);
    private static readonly Option<int> ClassesOption = OptionParsers.Int("--classes",
        $"Classes of blobs and spiral (2 to {Limits.MaxClasses}).", 3, minimum: 2, maximum: Limits.MaxClasses);
    private static readonly Option<int[]> HiddenOption = OptionParsers.IntList("--hidden",
        $"Widths of the hidden layers, such as 16,16: up to {Limits.MaxHiddenLayers} widths of at most {Limits.MaxHiddenWidth}, and at most {Limits.MaxParameters:N0} parameters in all [default: 16,16; 128 for fashion-mnist and mnist].",
        DefaultHidden, maximum: Limits.MaxHiddenWidth, maxCount: Limits.MaxHiddenLayers);
    private static readonly Option<string> ActivationOption = Choice("--activation", "The hidden layers' nonlinearity.", "relu", "relu", "tanh", "sigmoid");
    private static readonly Option<string?> LossOption = new("--loss")
    {
        Description = "hinge, mse, bce or ce [default: hinge for two classes, ce for more].",
        HelpName = "hinge|mse|bce|ce",
    };
    private static readonly Option<string?> OptimizerOption = new("--optimizer")
    {
        Description = "sgd (its rate decays linearly to a tenth, as in micrograd's demo) or adam (a constant rate); on fashion-mnist and mnist both decay linearly to zero over the run [default: sgd; adam for fashion-mnist and mnist].",
        HelpName = "sgd|adam",
    };
    private static readonly Option<double?> LearningRateOption = OptionParsers.Double("--lr",
        $"Learning rate [default: sgd 1, or 0.1 with --loss mse, whose gradients are larger, a tenth of those with blobs, whose inputs are ten times larger, and 0.03 with fashion-mnist and mnist, whose 784 inputs make them larger still; adam 0.01, or {TrainingDefaults.AdamLearningRate("fashion-mnist").ToString(CultureInfo.InvariantCulture)} with fashion-mnist and mnist]. A run whose loss becomes infinite or grows a millionfold stops with exit code 3.");
    private static readonly Option<double?> MomentumOption = OptionParsers.Double("--momentum", "SGD momentum, below 1 [default: 0].", maximum: 1, maximumExcluded: true);
    private static readonly Option<double?> L2Option = OptionParsers.Double("--l2", $"Weight of the L2 penalty α·Σp² [default: {TrainingDefaults.L2.ToString(CultureInfo.InvariantCulture)}].");
    private static readonly Option<int?> StepsOption = OptionParsers.OptionalInt("--steps",
        $"Optimizer steps, at most {Limits.MaxSteps:N0} [default: {DefaultSteps}]; with fashion-mnist and mnist, which train for --epochs, a cap on the batches [default: no cap].", maximum: Limits.MaxSteps);
    private static readonly Option<int?> BatchSizeOption = OptionParsers.OptionalInt("--batch-size",
        $"Rows per step, at most {Limits.MaxBatchSize:N0}, and at most {Limits.MaxStepBytes / 1_000_000:N0} MB a step for the compiled row graph's numbers and gradients over the batch (about 19 KB a row for the default image model) [default: all rows up to {Limits.FullBatchRows:N0}; batches of {Limits.DefaultBatchRows} for more, fewer for a big model; {DefaultImageBatch} for fashion-mnist and mnist, fewer for a big model].",
        maximum: Limits.MaxBatchSize);
    private static readonly Option<int> SeedOption = OptionParsers.Int("--seed", "Seed of the data, the weights and the batch order.", DefaultSeed, minimum: 0);
    private static readonly Option<double?> CheckpointOption = OptionParsers.Double("--checkpoint-every",
        $"Save model.json at least this often during a run, in seconds (at most {Limits.MaxCheckpointSeconds:N0}), as well as every tenth of the run and after any step longer than the 0.8 s Ctrl+C waits for; Ctrl+C keeps the last one [default: {DefaultCheckpointSeconds}].",
        maximum: Limits.MaxCheckpointSeconds);
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "Folder for model.json, loss.png and decision-boundary.png (two features only); for fashion-mnist and mnist, model.json, loss.png, confusion-matrix.png and test-predictions.png.",
        HelpName = "DIR",
        DefaultValueFactory = _ => "michigrad-out",
    };

    static TrainCommand()
    {
        LossOption.AcceptOnlyFromAmong("hinge", "mse", "bce", "ce");
        OptimizerOption.AcceptOnlyFromAmong("sgd", "adam");
        InitOption.AcceptOnlyFromAmong("micrograd", "fan-in");
        DelimiterOption.AcceptOnlyFromAmong(CsvText.DelimiterNames);
    }

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("train",
            "Train a small network and write model.json, loss.png and decision-boundary.png (two features only; the --out folder keeps one run's files). " +
            "On fashion-mnist and mnist: --epochs over the training set, the test set scored after each, then confusion-matrix.png and test-predictions.png; the run says whether Fashion-MNIST reached 88% test accuracy. " +
            "Exit codes: 0 trained, 1 unexpected failure, 2 bad input, 3 diverged (model.json holds the last step with a finite loss), 130 interrupted.")
        {
            DatasetOption, TargetOption, DelimiterOption, DataDirOption, SamplesOption, NoiseOption, ClassesOption, HiddenOption, ActivationOption,
            LossOption, OptimizerOption, LearningRateOption, MomentumOption, L2Option, StepsOption, BatchSizeOption,
            SeedOption, CheckpointOption, OutOption, EpochsOption, InitOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    private static Activation ActivationOf(ParseResult parse) => parse.GetValue(ActivationOption) switch
    {
        "tanh" => Activation.Tanh,
        "sigmoid" => Activation.Sigmoid,
        _ => Activation.ReLU,
    };

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
        int steps = parse.GetValue(StepsOption) ?? DefaultSteps;
        string optimizerName = parse.GetValue(OptimizerOption) ?? "sgd";
        double? momentum = parse.GetValue(MomentumOption);
        if (optimizerName == "adam" && momentum is > 0)
            throw new UsageException("--momentum applies to --optimizer sgd only.");

        WarnAboutOptionsThatDoNotApply(parse, context, datasetName);
        if (DataSource.IsImageSet(datasetName)) return RunImages(parse, context, datasetName);
        string? delimiter = parse.GetValue(DelimiterOption);
        Dataset data = DataSource.Load(datasetName, parse.GetValue(TargetOption), parse.GetValue(SamplesOption) ?? DefaultSamples,
            parse.GetValue(NoiseOption), parse.GetValue(ClassesOption), seed, delimiter is null ? null : CsvText.Delimiter(delimiter));
        // At least two classes to choose by: CheckData says what is wrong with data of one.
        Objective objective = ObjectiveOf(parse.GetValue(LossOption), Math.Max(2, data.ClassCount));
        try
        {
            Objectives.CheckData(objective, data);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{DataName(datasetName)}: {DataSource.Sentence(e)}", e);
        }

        string folder = OutputFolder.Prepare(parse.GetValue(OutOption)!, RunFiles,
            ("--dataset", DataSource.IsNamed(datasetName) ? null : datasetName));
        string modelPath = Path.Combine(folder, ModelFileName);

        int[] hidden = parse.GetValue(HiddenOption) is { Length: > 0 } widthsGiven ? widthsGiven : DefaultHidden;   // absent may read as empty
        int outputs = Objectives.OutputWidth(objective, data.ClassCount);
        int[] widths = [.. hidden, outputs];
        Limits.CheckModel(data.FeatureCount, widths, DataSource.IsNamed(datasetName) ? "" : " or a CSV with fewer columns");
        long bytesPerRow = Limits.StepBytesPerRow(data.FeatureCount, widths);
        int? givenBatch = parse.GetValue(BatchSizeOption);
        if (givenBatch is int given) Limits.CheckBatch(Math.Min(given, data.Count), bytesPerRow);
        int batchSize = givenBatch ?? Limits.DefaultBatchSize(data.Count, bytesPerRow);
        Activation activation = ActivationOf(parse);
        var model = new MLP(data.FeatureCount, widths, hiddenActivation: activation, seed: seed, init: InitOf(parse, images: false));

        double baseRate = parse.GetValue(LearningRateOption) ?? DefaultLearningRate(optimizerName, datasetName, objective);
        Optimizer optimizer = optimizerName == "adam"
            ? new Adam(model.Parameters(), baseRate)
            : new Sgd(model.Parameters(), baseRate, momentum ?? 0);
        double l2 = parse.GetValue(L2Option) ?? TrainingDefaults.L2;
        var trainer = new Trainer(model, objective, optimizer, l2);

        var sampler = batchSize < data.Count ? new BatchSampler(data.Count, batchSize, seed) : null;
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
        var clock = new StepClock();
        var checkpoints = new Checkpoints(steps, TimeSpan.FromSeconds(parse.GetValue(CheckpointOption) ?? DefaultCheckpointSeconds));
        Value[] parameters = [.. model.Parameters()];
        // The parameters before the current step and before the previous one: when a step's loss blows up, the
        // previous step's model is the last one with a finite loss.
        var beforeThisStep = new ParameterSnapshot(parameters);
        var beforeLastStep = new ParameterSnapshot(parameters);
        var divergence = new Divergence();
        double? divergedLoss = null;
        List<StepResult> history = ProgressReporter.Run(context, steps, clock, k =>
        {
            StalledStep.Inside(context, k + 1);
            if (optimizer is Sgd) optimizer.LearningRate = baseRate * (1.0 - 0.9 * k / steps);   // micrograd: 1.0 - 0.9·k/100
            Dataset batch = data;
            if (sampler is not null)
            {
                int perEpoch = sampler.BatchesPerEpoch;
                if (k % perEpoch == 0) epoch = sampler.Epoch(k / perEpoch);
                batch = data.Subset(epoch[k % perEpoch]);
            }
            (beforeLastStep, beforeThisStep) = (beforeThisStep, beforeLastStep);
            beforeThisStep.Take();
            checkpoints.StepStarts();
            StepResult result = trainer.Step(batch);
            if (divergence.Diverged(result.Loss))
            {
                divergedLoss = result.Loss;
                return null;
            }
            // So that Ctrl+C leaves a recent complete model (files are written whole).
            if (checkpoints.Due(k + 1)) checkpoints.Save(() => ModelFile.Save(model, modelPath, metadata));
            return result;
        });
        clock.Stop();

        if (divergedLoss is double blownUp)
            return Diverged(context, history, blownUp, beforeLastStep, model, modelPath, metadata, folder, objective, data, steps, baseRate, optimizerName, l2);

        if (history.Count < steps)
        {
            context.Error.WriteLine(checkpoints.Saved
                ? $"Interrupted after {history.Count} of {steps} steps; {ShownPath(modelPath)} holds the last checkpoint."
                : $"Interrupted after {history.Count} of {steps} steps; no model file was written.");
            return ExitCodes.Interrupted;
        }

        // The table, the last progress line and model.json all describe the model after the last step.
        Dataset measured = data;
        StepResult final = trainer.Evaluate(measured);
        context.Console.WriteLine(ProgressReporter.FinalLine(steps, final, clock));
        List<string> written = WriteFiles(context, model, modelPath, metadata, folder, objective, data, history);

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
        Row("final loss", Numbers.Readable(final.Loss));
        Row("training accuracy", string.Create(CultureInfo.InvariantCulture, $"{final.Accuracy * 100:F1}%"));
        Row("time", clock.Summary(steps));
        Row("files", string.Join(Environment.NewLine, written.Select(ShownPath)));
        context.Console.Write(table);

        double chance = (double)measured.CountsPerClass().Max() / measured.Count;
        if (final.Accuracy <= chance)
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warning: the training accuracy {final.Accuracy * 100:F1}% is no better than always answering the most common class ({chance * 100:F1}%): the model has not learned. Try more --steps, another --lr or another --loss."));
        return ExitCodes.Ok;
    }

    /// <summary>Saves the model of the last finite step and the plots of the steps before the blow-up, then says
    /// where it happened and what to try.</summary>
    private static int Diverged(CliContext context, List<StepResult> history, double loss,
        ParameterSnapshot lastFinite, Module model, string modelPath, ModelMetadata metadata, string folder,
        Objective objective, Dataset data, int steps, double rate, string optimizerName, double l2)
    {
        int at = history.Count + 1;
        string advice = $"Try a lower --lr (this run used {Short(rate)}; say {Short(rate / 10)}){(optimizerName == "sgd" ? " or --optimizer adam" : "")}.";
        if (history.Count == 0)
        {
            // The first loss is measured before any update, so the rate cannot be the cause.
            string cause = l2 > 0
                ? $"The first loss is measured before any update, so the rate is not the cause: try a lower --l2 (this run used {Short(l2)}), or rescale the data."
                : "The first loss is measured before any update, so the rate is not the cause: rescale the data.";
            context.Error.WriteLine($"error: training diverged at step 1 of {steps}: {DivergenceText.Reason(loss)}. No model file was written. {cause}");
            return ExitCodes.Diverged;
        }
        lastFinite.Restore();
        List<string> written = WriteFiles(context, model, modelPath, metadata, folder, objective, data, history);
        context.Error.WriteLine(
            $"error: training diverged at step {at} of {steps}: {DivergenceText.Reason(loss)}. The last finite loss was " +
            $"{Numbers.Readable(history[^1].Loss)} at step {history.Count}; {ShownPath(modelPath)} holds that model and " +
            $"{string.Join(", ", written.Skip(1).Select(Path.GetFileName))} show{(written.Count == 2 ? "s" : "")} the steps before. {advice}");
        return ExitCodes.Diverged;
    }

    private static string Short(double value) => value.ToString("G3", CultureInfo.InvariantCulture).Replace('E', 'e');

    /// <summary>Writes model.json and the plots, and removes the files an earlier run left in the folder that this
    /// run does not write (a decision boundary needs two features), so the folder holds one run's files.</summary>
    private static List<string> WriteFiles(CliContext context, Module model, string modelPath, ModelMetadata metadata,
        string folder, Objective objective, Dataset data, List<StepResult> history)
    {
        ModelFile.Save(model, modelPath, metadata);
        string lossPath = Path.Combine(folder, LossFile);
        LossPlot.Save(history, lossPath);
        string boundaryPath = Path.Combine(folder, BoundaryFile);
        if (data.FeatureCount == 2)
        {
            DecisionBoundaryPlot.Save(model, objective, data, boundaryPath, context.Cancellation);
            return [modelPath, lossPath, boundaryPath];
        }
        if (File.Exists(boundaryPath))
        {
            File.Delete(boundaryPath);
            context.Console.WriteLine($"Removed {ShownPath(boundaryPath)} left by an earlier run: this data has {data.FeatureCount} features, and a decision boundary is drawn for 2.");
        }
        return [modelPath, lossPath];
    }

    /// <summary>Says which given options the dataset makes meaningless, rather than ignoring them silently.</summary>
    private static void WarnAboutOptionsThatDoNotApply(ParseResult parse, CliContext context, string dataset)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        void Warn(string text) => context.Error.WriteLine($"warning: {text}");
        if (DataSource.IsImageSet(dataset))
        {
            foreach (Option option in new Option[] { TargetOption, DelimiterOption, NoiseOption, ClassesOption })
                if (Given(option)) Warn($"{option.Name} does not apply to {dataset.ToLowerInvariant()}, whose images come with their labels; it is ignored.");
            return;
        }
        if (Given(DataDirOption)) Warn("--data-dir applies to fashion-mnist and mnist; it is ignored.");
        if (Given(EpochsOption)) Warn("--epochs applies to fashion-mnist and mnist; other data trains for --steps.");
        if (DataSource.IsGenerator(dataset))
        {
            string name = dataset.ToLowerInvariant();
            if (Given(TargetOption)) Warn($"--target applies to a CSV dataset; it is ignored with the generated {name}.");
            if (Given(DelimiterOption)) Warn($"--delimiter applies to a CSV dataset; it is ignored with the generated {name}.");
            if (Given(ClassesOption) && name is not ("blobs" or "spiral"))
                Warn($"--classes applies to blobs and spiral; {name} always has 2 classes, so it is ignored.");
            return;
        }
        foreach (Option option in new Option[] { SamplesOption, NoiseOption, ClassesOption })
            if (Given(option)) Warn($"{option.Name} applies to generated datasets; it is ignored with a CSV file, which has its own rows and labels.");
    }

    /// <summary>The library's starting rate for the optimizer on the dataset (see <see cref="TrainingDefaults"/>).</summary>
    private static double DefaultLearningRate(string optimizer, string dataset, Objective objective) =>
        optimizer == "adam" ? TrainingDefaults.AdamLearningRate(dataset) : TrainingDefaults.SgdLearningRate(dataset, objective);

    private static Objective ObjectiveOf(string? loss, int classCount) => loss switch
    {
        "hinge" => Objective.Hinge,
        "mse" => Objective.MeanSquaredError,
        "bce" => Objective.BinaryCrossEntropy,
        "ce" => Objective.CrossEntropy,
        _ => TrainingDefaults.Objective(classCount),   // data of one class gets one too; Objectives.CheckData refuses it
    };

    // Relative to the current folder when inside it, otherwise the full path.
    private static string ShownPath(string path)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return Shown.Text(relative.StartsWith("..", StringComparison.Ordinal) ? path : relative);
    }

    private static string DataName(string dataset) =>
        DataSource.IsNamed(dataset) ? dataset.ToLowerInvariant() : Shown.Text(Path.GetFileName(dataset));
}

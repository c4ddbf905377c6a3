using System.CommandLine;
using System.Globalization;
using System.Text;
using Michigrad.Cli.Running;
using Michigrad.Data;
using Michigrad.NN;
using Michigrad.Serialization;
using Michigrad.Training;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad predict</c>: classifies inputs with a saved model.</summary>
internal static class PredictCommand
{
    private static readonly Option<string> ModelOption = new("--model")
    {
        Description = "The model file written by 'michigrad train'.",
        HelpName = "model.json",
        Required = true,
    };
    private static readonly Option<double[]?> XOption = OptionParsers.DoubleList("--x", "One input, such as 0.5,-0.2.");
    private static readonly Option<string?> InputOption = new("--input")
    {
        Description = "A CSV file of inputs with a header (columns named as the training features, or exactly as many columns as the model reads).",
        HelpName = "FILE.csv",
    };
    private static readonly Option<string?> ImageOption = new("--image")
    {
        Description = "Images for a model trained on fashion-mnist or mnist: an IDX images file (every image in it, gzipped or not, up to 100,000; the first 50 are printed) or a PNG picture of 28×28 pixels (colour is turned grey; a light object on a dark background, as the training images).",
        HelpName = "FILE.idx|FILE.png",
    };
    private static readonly Option<string?> LabelsOption = new("--labels")
    {
        Description = "The IDX labels file of the --image IDX file, to print the accuracy [default: the labels file beside it, as t10k-labels-idx1-ubyte.gz beside t10k-images-idx3-ubyte.gz, if there is one].",
        HelpName = "FILE.idx",
    };

    /// <summary>The most rows of an image file printed as a table; <c>--output</c> writes them all.</summary>
    private const int MaxImageRowsShown = 50;

    private static readonly Option<string?> OutputOption = new("--output")
    {
        Description = "Write the predictions to this CSV file instead of printing them.",
        HelpName = "FILE.csv",
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("predict", "Predict the class of inputs with a saved model.")
        {
            ModelOption, XOption, InputOption, ImageOption, LabelsOption, OutputOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    private static int Run(ParseResult parse, CliContext context)
    {
        double[]? x = parse.GetValue(XOption) is { Length: > 0 } given ? given : null;   // absent may read as empty
        string? input = parse.GetValue(InputOption);
        string? image = parse.GetValue(ImageOption);
        string? labels = parse.GetValue(LabelsOption);
        if ((x is null ? 0 : 1) + (input is null ? 0 : 1) + (image is null ? 0 : 1) != 1)
            throw new UsageException("Give exactly one of --x X,X,..., --input FILE.csv or --image FILE.png|FILE.idx.");
        if (labels is not null && image is null)
            throw new UsageException("--labels goes with --image FILE.idx: it names the labels of those images.");

        string modelPath = parse.GetValue(ModelOption)!;
        OutputFile? output = parse.GetValue(OutputOption) is string outputPath
            ? OutputFile.Check(outputPath, "--output", standardOutput: true, ("--model", modelPath), ("--input", input), ("--image", image),
                ("--labels", labels ?? (image is null ? null : ImageInput.LabelsBeside(image))))
            : null;
        SavedModel saved = SavedModels.Load(modelPath);
        Module model = saved.Model;
        ModelMetadata? metadata = saved.Metadata;
        int width = model.InputSize ?? metadata?.FeatureCount ?? x?.Length ?? 0;
        Objective rule = ModelTasks.DecisionRule(metadata?.Task, model.OutputSize)
            ?? throw new UsageException($"'{modelPath}' is a regression model; predict classifies, so it needs a classifier.");

        string[] columns;
        Prediction[] predictions;
        double[][] rows;
        if (x is not null)
        {
            if (x.Length != width)
                throw new UsageException($"The model reads {width} inputs but --x has {x.Length} value{(x.Length == 1 ? "" : "s")}.");
            columns = metadata?.FeatureNames is { } names ? [.. names] : [.. Enumerable.Range(0, width).Select(i => $"x{i}")];
            rows = [x];
            double[] outputs = [.. model.Forward(x).Select(v => v.Data)];
            if (outputs.FirstOrDefault(o => !double.IsFinite(o), 0) is var bad && !double.IsFinite(bad))
                throw new UsageException($"The model's output for --x is {Numbers.Readable(bad)}: {TooLarge}");
            predictions = [Objectives.Decide(rule, outputs)];
        }
        else if (image is not null)
        {
            if (ImageInput.ReadPng(image) is byte[] png)
            {
                if (labels is not null) throw new UsageException("--labels goes with an IDX images file; a PNG picture has no labels file.");
                return PredictPng(context, model, rule, metadata, image, png, width, output);
            }
            if (labels is not null) UserPaths.RequireFile(labels, "labels");
            return PredictIdx(context, model, rule, metadata, image, labels ?? ImageInput.LabelsBeside(image), width, output);
        }
        else
        {
            (columns, rows) = InputTable.Load(input!, width, metadata?.FeatureNames);
            predictions = PredictRows(context, model, rule, width, rows, input!);
        }
        string ClassName(int c) => metadata?.ClassNames is { } classes && c < classes.Count
            ? classes[c]
            : c.ToString(CultureInfo.InvariantCulture);

        if (output is not null)
        {
            var text = new StringBuilder();
            // The score column is named as the printed table names it.
            text.AppendJoin(',', columns.Select(CsvCells.Field)).Append(",class,").Append(CsvCells.Field(ScoreName(rule))).Append('\n');
            for (int i = 0; i < rows.Length; i++)
            {
                text.AppendJoin(',', rows[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
                text.Append(',').Append(CsvCells.Field(ClassName(predictions[i].Class))).Append(',')
                    .Append(predictions[i].Score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
            output.WriteText(context, text.ToString());
            Wrote(context, output, rows.Length);
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in columns) table.AddColumn(new TableColumn(Markup.Escape(Shown.Text(column))).RightAligned());
        table.AddColumn("class");
        table.AddColumn(new TableColumn(ScoreName(rule)).RightAligned());
        for (int i = 0; i < rows.Length; i++)
        {
            var cells = rows[i].Select(v => v.ToString("G6", CultureInfo.InvariantCulture)).ToList();
            cells.Add(Markup.Escape(Shown.Text(ClassName(predictions[i].Class))));
            cells.Add(predictions[i].Score.ToString("F4", CultureInfo.InvariantCulture));
            table.AddRow([.. cells]);
        }
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private const string TooLarge = "the input is too large for this model, so no class can be read from it.";

    /// <summary>Classifies the rows of a CSV file on a compiled graph, a chunk of rows per forward pass, showing
    /// progress: as the object graph would, to the bit, without a graph per row.</summary>
    private static Prediction[] PredictRows(CliContext context, Module model, Objective rule, int width, double[][] rows, string input)
    {
        Scorer scorer = ScorerFor(model, rule, width);
        var predictions = new Prediction[rows.Length];
        WorkProgress.Run(context, $"predicting {rows.Length:N0} rows", rows.Length, done =>
        {
            int start = (int)done, count = Math.Min(scorer.ChunkRows, rows.Length - start);
            IReadOnlyList<Prediction> chunk = scorer.Predict(new ArraySegment<double[]>(rows, start, count)).Predictions;
            for (int i = 0; i < count; i++)
            {
                // A score is the output itself (hinge) or made from it: an output that is not finite makes it so.
                if (!double.IsFinite(chunk[i].Score))
                    throw new UsageException($"The model's output for row {start + i + 1} of '{Shown.Text(input)}' is not finite: {TooLarge}");
                predictions[start + i] = chunk[i];
            }
            return count;
        });
        return predictions;
    }

    /// <summary>The compiled scorer of <paramref name="model"/>: a chunk of rows per forward pass, fewer for a model so
    /// big that a chunk would pass <see cref="Limits.MaxStepBytes"/>.</summary>
    private static Scorer ScorerFor(Module model, Objective rule, int width)
    {
        (int classes, long bytesPerRow) = Shape(model, rule, width);
        return new Scorer(model, rule, width, classes, Math.Min(Limits.LargestBatch(bytesPerRow), Scorer.DefaultChunkRows));
    }

    /// <summary>The classes the model tells apart and what its compiled row graph holds per row.</summary>
    private static (int Classes, long BytesPerRow) Shape(Module model, Objective rule, int width)
    {
        int outputs = model.OutputSize ?? model.Forward(new double[width]).Count;
        // Any model a file holds: its units are at most its parameters, which bounds its row graph's nodes.
        long bytesPerRow = Limits.StepBytesPerRow(width, [(int)Math.Min(model.Parameters().LongCount(), int.MaxValue / 4), outputs]);
        return (rule == Objective.CrossEntropy ? outputs : 2, bytesPerRow);
    }

    /// <summary>Says where the predictions went: on standard output unless they are standard output.</summary>
    private static void Wrote(CliContext context, OutputFile output, int count)
    {
        if (!output.IsStandardOutput)
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {count} prediction{(count == 1 ? "" : "s")} to {output.Shown}"));
    }

    /// <summary>Classifies the images of an IDX file on a compiled graph, a chunk of images per replay: a table of
    /// image, class and probability (the first rows of a large file), or all of them in a CSV file; with their labels,
    /// the accuracy too.</summary>
    private static int PredictIdx(CliContext context, Module model, Objective rule, ModelMetadata? metadata, string file,
        string? labelsPath, int width, OutputFile? output)
    {
        (int classes, long bytesPerRow) = Shape(model, rule, width);
        ImageSet images = ImageInput.LoadIdx(file, labelsPath, width, classes);
        var evaluator = new ImageEvaluator(model, rule, l2: 0, width, classes, bytesPerRow);
        ImageScores scores = evaluator.Score(images, context.Cancellation)
            ?? throw new OperationCanceledException(context.Cancellation);
        string ClassName(int c) => metadata?.ClassNames is { } names && c < names.Count
            ? names[c]
            : c.ToString(CultureInfo.InvariantCulture);
        string Name(int i) => (i + 1).ToString(CultureInfo.InvariantCulture);
        string score = ScoreName(rule);
        string? accuracy = labelsPath is null ? null : string.Create(CultureInfo.InvariantCulture,
            $"Accuracy {scores.AccuracyText} ({scores.Correct} of {images.Count} images) against the labels in {Shown.Text(labelsPath)}.");

        if (output is not null)
        {
            var text = new StringBuilder("image,class,").Append(CsvCells.Field(score)).Append('\n');
            for (int i = 0; i < images.Count; i++)
                text.Append(Name(i)).Append(',').Append(CsvCells.Field(ClassName(scores.Predicted[i]))).Append(',')
                    .Append(scores.Probability[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            output.WriteText(context, text.ToString());
            Wrote(context, output, images.Count);
            if (accuracy is not null)
            {
                if (output.IsStandardOutput) context.Error.WriteLine(accuracy);
                else context.Console.WriteLine(accuracy);
            }
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("image").RightAligned());
        table.AddColumn("class");
        table.AddColumn(new TableColumn(score).RightAligned());
        int shown = Math.Min(images.Count, MaxImageRowsShown);
        for (int i = 0; i < shown; i++)
            table.AddRow(Name(i), Markup.Escape(Shown.Text(ClassName(scores.Predicted[i]))),
                scores.Probability[i].ToString("F4", CultureInfo.InvariantCulture));
        context.Console.Write(table);
        if (shown < images.Count)
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The first {shown} of {images.Count} images of {Shown.Text(file)}; --output FILE.csv writes every prediction."));
        if (accuracy is not null) context.Console.WriteLine(accuracy);
        return ExitCodes.Ok;
    }

    /// <summary>Classifies one PNG picture with the model's object graph: a one-row table.</summary>
    private static int PredictPng(CliContext context, Module model, Objective rule, ModelMetadata? metadata, string file,
        byte[] png, int width, OutputFile? output)
    {
        double[] row = ImageInput.LoadPng(file, png, width);
        Prediction p = Objectives.Decide(rule, [.. model.Forward(row).Select(v => v.Data)]);
        string name = metadata?.ClassNames is { } classes && p.Class < classes.Count
            ? classes[p.Class]
            : p.Class.ToString(CultureInfo.InvariantCulture);
        string score = ScoreName(rule);
        string picture = Path.GetFileName(file);
        if (output is not null)
        {
            output.WriteText(context, $"image,class,{CsvCells.Field(score)}\n" +
                $"{CsvCells.Field(picture)},{CsvCells.Field(name)},{p.Score.ToString("R", CultureInfo.InvariantCulture)}\n");
            Wrote(context, output, 1);
            return ExitCodes.Ok;
        }
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("image").RightAligned());
        table.AddColumn("class");
        table.AddColumn(new TableColumn(score).RightAligned());
        table.AddRow(Markup.Escape(Shown.Text(picture)), Markup.Escape(Shown.Text(name)),
            p.Score.ToString("F4", CultureInfo.InvariantCulture));
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    private static string ScoreName(Objective rule) => rule switch
    {
        Objective.Hinge => "score",
        Objective.BinaryCrossEntropy => "p(class 1)",
        _ => "probability",
    };
}

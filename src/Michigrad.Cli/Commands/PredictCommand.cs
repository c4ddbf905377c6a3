using System.CommandLine;
using System.Globalization;
using System.Text;
using Michigrad.Cli.Running;
using Michigrad.Data;
using Michigrad.IO;
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
        string? output = parse.GetValue(OutputOption);
        if (output is not null) UserPaths.RequireOutput(output, "--output", ("--model", modelPath), ("--input", input), ("--image", image),
            ("--labels", labels ?? (image is null ? null : ImageInput.LabelsBeside(image))));
        SavedModel saved = SavedModels.Load(modelPath);
        Module model = saved.Model;
        ModelMetadata? metadata = saved.Metadata;
        int width = model.InputSize ?? metadata?.FeatureCount ?? x?.Length ?? 0;
        Objective rule = ModelTasks.DecisionRule(metadata?.Task, model.OutputSize)
            ?? throw new UsageException($"'{modelPath}' is a regression model; predict classifies, so it needs a classifier.");

        string[] columns;
        double[][] rows;
        if (x is not null)
        {
            if (x.Length != width)
                throw new UsageException($"The model reads {width} inputs but --x has {x.Length} value{(x.Length == 1 ? "" : "s")}.");
            columns = metadata?.FeatureNames is { } names ? [.. names] : [.. Enumerable.Range(0, width).Select(i => $"x{i}")];
            rows = [x];
        }
        else if (image is not null)
        {
            if (ImageInput.IsPng(image))
            {
                if (labels is not null) throw new UsageException("--labels goes with an IDX images file; a PNG picture has no labels file.");
                return PredictPng(context, model, rule, metadata, image, width, output);
            }
            if (labels is not null) UserPaths.RequireFile(labels, "labels");
            return PredictIdx(context, model, rule, metadata, image, labels ?? ImageInput.LabelsBeside(image), width, output);
        }
        else
        {
            (columns, rows) = InputTable.Load(input!, width, metadata?.FeatureNames);
        }

        var predictions = new (Prediction Prediction, string Class)[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            double[] outputs = [.. model.Forward(rows[i]).Select(v => v.Data)];
            if (outputs.FirstOrDefault(o => !double.IsFinite(o), 0) is var bad && !double.IsFinite(bad))
                throw new UsageException(
                    $"The model's output for {(x is not null ? "--x" : $"row {i + 1} of '{input}'")} is {Numbers.Readable(bad)}: " +
                    "the input is too large for this model, so no class can be read from it.");
            Prediction p = Objectives.Decide(rule, outputs);
            string name = metadata?.ClassNames is { } classes && p.Class < classes.Count
                ? classes[p.Class]
                : p.Class.ToString(CultureInfo.InvariantCulture);
            predictions[i] = (p, name);
        }

        if (output is not null)
        {
            WriteCsv(output, columns, rows, predictions, ScoreName(rule));
            context.Console.WriteLine($"Wrote {rows.Length} prediction{(rows.Length == 1 ? "" : "s")} to {Shown.Text(output)}");
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in columns) table.AddColumn(new TableColumn(Markup.Escape(Shown.Text(column))).RightAligned());
        table.AddColumn("class");
        table.AddColumn(new TableColumn(ScoreName(rule)).RightAligned());
        for (int i = 0; i < rows.Length; i++)
        {
            var cells = rows[i].Select(v => v.ToString("G6", CultureInfo.InvariantCulture)).ToList();
            cells.Add(Markup.Escape(Shown.Text(predictions[i].Class)));
            cells.Add(predictions[i].Prediction.Score.ToString("F4", CultureInfo.InvariantCulture));
            table.AddRow([.. cells]);
        }
        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    /// <summary>Classifies the images of an IDX file on a compiled graph, a chunk of images per replay: a table of
    /// image, class and probability (the first rows of a large file), or all of them in a CSV file; with their labels,
    /// the accuracy too.</summary>
    private static int PredictIdx(CliContext context, Module model, Objective rule, ModelMetadata? metadata, string file,
        string? labelsPath, int width, string? output)
    {
        int outputs = model.OutputSize ?? model.Forward(new double[width]).Count;
        int classes = rule == Objective.CrossEntropy ? outputs : 2;
        ImageSet images = ImageInput.LoadIdx(file, labelsPath, width, classes);
        // Any model a file holds: its units are at most its parameters, which bounds its row graph's nodes.
        long bytesPerRow = Limits.StepBytesPerRow(width, [(int)Math.Min(model.Parameters().LongCount(), int.MaxValue / 4), outputs]);
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
            var text = new StringBuilder("image,class,").Append(Quote(score)).Append('\n');
            for (int i = 0; i < images.Count; i++)
                text.Append(Name(i)).Append(',').Append(Quote(ClassName(scores.Predicted[i]))).Append(',')
                    .Append(scores.Probability[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            try
            {
                AtomicFile.Write(output, temporary => File.WriteAllText(temporary, text.ToString()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw UserPaths.CannotWrite("--output", output, e);
            }
            context.Console.WriteLine($"Wrote {images.Count} prediction{(images.Count == 1 ? "" : "s")} to {Shown.Text(output)}");
            if (accuracy is not null) context.Console.WriteLine(accuracy);
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
        int width, string? output)
    {
        double[] row = ImageInput.LoadPng(file, width);
        Prediction p = Objectives.Decide(rule, [.. model.Forward(row).Select(v => v.Data)]);
        string name = metadata?.ClassNames is { } classes && p.Class < classes.Count
            ? classes[p.Class]
            : p.Class.ToString(CultureInfo.InvariantCulture);
        string score = ScoreName(rule);
        string picture = Path.GetFileName(file);
        if (output is not null)
        {
            string text = $"image,class,{Quote(score)}\n" +
                $"{Quote(picture)},{Quote(name)},{p.Score.ToString("R", CultureInfo.InvariantCulture)}\n";
            try
            {
                AtomicFile.Write(output, temporary => File.WriteAllText(temporary, text));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw UserPaths.CannotWrite("--output", output, e);
            }
            context.Console.WriteLine($"Wrote 1 prediction to {Shown.Text(output)}");
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

    private static void WriteCsv(string path, string[] columns, double[][] rows, (Prediction Prediction, string Class)[] predictions, string scoreName)
    {
        var text = new StringBuilder();
        // The score column is named as the printed table names it.
        text.AppendJoin(',', columns.Select(Quote)).Append(",class,").Append(Quote(scoreName)).Append('\n');
        for (int i = 0; i < rows.Length; i++)
        {
            text.AppendJoin(',', rows[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            text.Append(',').Append(Quote(predictions[i].Class)).Append(',')
                .Append(predictions[i].Prediction.Score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
        try
        {
            AtomicFile.Write(path, temporary => File.WriteAllText(temporary, text.ToString()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw UserPaths.CannotWrite("--output", path, e);
        }
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using Michigrad.Cli.Running;
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
        Description = "Images for a model trained on fashion-mnist or mnist: an IDX images file (every image in it, gzipped or not, up to 100,000) or a PNG picture of 28×28 pixels (colour is turned grey; a light object on a dark background, as the training images).",
        HelpName = "FILE.idx|FILE.png",
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
            ModelOption, XOption, InputOption, ImageOption, OutputOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    private static int Run(ParseResult parse, CliContext context)
    {
        double[]? x = parse.GetValue(XOption) is { Length: > 0 } given ? given : null;   // absent may read as empty
        string? input = parse.GetValue(InputOption);
        string? image = parse.GetValue(ImageOption);
        if ((x is null ? 0 : 1) + (input is null ? 0 : 1) + (image is null ? 0 : 1) != 1)
            throw new UsageException("Give exactly one of --x X,X,..., --input FILE.csv or --image FILE.png|FILE.idx.");

        string modelPath = parse.GetValue(ModelOption)!;
        string? output = parse.GetValue(OutputOption);
        if (output is not null) UserPaths.RequireOutput(output, "--output", ("--model", modelPath), ("--input", input), ("--image", image));
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
            string[] names;
            (names, rows) = ImageInput.Load(image, width);
            return PredictImages(context, model, rule, metadata, image, names, rows, output);
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

    /// <summary>Classifies images: a table of image, class and probability (the first rows of a large file), or all
    /// of them in a CSV file.</summary>
    private static int PredictImages(CliContext context, Module model, Objective rule, ModelMetadata? metadata, string file,
        string[] names, double[][] rows, string? output)
    {
        // Only the printed rows are classified when there is no --output: each image is a graph of the whole model.
        int classified = output is null ? Math.Min(rows.Length, MaxImageRowsShown) : rows.Length;
        var predictions = new (Prediction Prediction, string Class)[classified];
        for (int i = 0; i < classified; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            Prediction p = Objectives.Decide(rule, [.. model.Forward(rows[i]).Select(v => v.Data)]);
            string name = metadata?.ClassNames is { } classes && p.Class < classes.Count
                ? classes[p.Class]
                : p.Class.ToString(CultureInfo.InvariantCulture);
            predictions[i] = (p, name);
        }
        string score = ScoreName(rule);
        if (output is not null)
        {
            var text = new StringBuilder("image,class,").Append(Quote(score)).Append('\n');
            for (int i = 0; i < rows.Length; i++)
                text.Append(Quote(names[i])).Append(',').Append(Quote(predictions[i].Class)).Append(',')
                    .Append(predictions[i].Prediction.Score.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            try
            {
                AtomicFile.Write(output, temporary => File.WriteAllText(temporary, text.ToString()));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw UserPaths.CannotWrite("--output", output, e);
            }
            context.Console.WriteLine($"Wrote {rows.Length} prediction{(rows.Length == 1 ? "" : "s")} to {Shown.Text(output)}");
            return ExitCodes.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("image").RightAligned());
        table.AddColumn("class");
        table.AddColumn(new TableColumn(score).RightAligned());
        int shown = Math.Min(rows.Length, MaxImageRowsShown);
        for (int i = 0; i < shown; i++)
            table.AddRow(Markup.Escape(Shown.Text(names[i])), Markup.Escape(Shown.Text(predictions[i].Class)),
                predictions[i].Prediction.Score.ToString("F4", CultureInfo.InvariantCulture));
        context.Console.Write(table);
        if (shown < rows.Length)
            context.Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The first {shown} of {rows.Length} images of {Shown.Text(file)}; --output FILE.csv writes every prediction."));
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

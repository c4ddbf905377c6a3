using System.CommandLine;
using System.Globalization;
using Michigrad.Cli.Running;
using Michigrad.NN;
using Michigrad.Serialization;
using Michigrad.Training;
using Michigrad.Visualization;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad graph</c>: draws a computation graph with Graphviz, writes its DOT text, or writes an
/// interactive HTML page.</summary>
internal static class GraphCommand
{
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "The picture: .svg, .png, .pdf (these need Graphviz), .dot, or .html (an interactive page: pan, zoom, click a node).",
        HelpName = "FILE",
        DefaultValueFactory = _ => "graph.svg",
    };
    private static readonly Option<string> RankDirOption = new("--rankdir")
    {
        Description = "Layout direction: LR (left to right) or TB (top to bottom).",
        HelpName = "LR|TB",
        DefaultValueFactory = _ => "LR",
    };
    private static readonly Option<string?> ExampleOption = new("--example")
    {
        Description = "seed (the notebook's expression, the default) or neuron (micrograd's tanh neuron).",
        HelpName = "seed|neuron",
    };
    private static readonly Option<string?> ModelOption = new("--model")
    {
        Description = "Draw this saved model's graph for one input (with --x).",
        HelpName = "model.json",
    };
    private static readonly Option<double[]?> XOption = OptionParsers.DoubleList("--x", "The input for --model, such as 1,2.");
    private static readonly Option<int?> MaxNodesOption = OptionParsers.OptionalInt("--max-nodes",
        $"Refuse graphs with more nodes than this, at most {Limits.MaxGraphvizNodes:N0} for the formats Graphviz lays out (.svg, .png, .pdf, .html) and {Limits.MaxGraphNodes:N0} for .dot [default: {PictureNodes} for .svg, .png and .pdf, whose boxes become unreadably small beyond it; {PageNodes:N0} for .html and .dot].",
        maximum: Limits.MaxGraphNodes);

    /// <summary>The most nodes a picture shows by default: a 2-16-16-1 MLP's graph (979 nodes) is 25,000 px wide.</summary>
    private const int PictureNodes = 300;

    /// <summary>The most nodes the interactive page and DOT text take by default: the page pans and zooms.</summary>
    private const int PageNodes = Limits.MaxGraphvizNodes;

    private static readonly string[] Formats = ["svg", "png", "pdf", "dot", "html"];

    static GraphCommand()
    {
        RankDirOption.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, "LR", "TB");
        ExampleOption.AcceptOnlyFromAmong(ExampleGraphs.Names);
    }

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("graph", "Draw a computation graph: the notebook's example, a neuron, or a saved model for one input.")
        {
            OutOption, RankDirOption, ExampleOption, ModelOption, XOption, MaxNodesOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    private static int Run(ParseResult parse, CliContext context)
    {
        string path = parse.GetValue(OutOption)!;
        if (string.IsNullOrWhiteSpace(path)) throw new UsageException("--out is empty: give a file name.");
        string format = FormatOf(path);   // before any work, so a wrong name fails fast
        string? example = parse.GetValue(ExampleOption);
        string? modelPath = parse.GetValue(ModelOption);
        double[]? x = parse.GetValue(XOption) is { Length: > 0 } given ? given : null;   // absent may read as empty
        if (example is not null && modelPath is not null)
            throw new UsageException("Give either --example or --model, not both.");
        if (x is not null && modelPath is null)
            throw new UsageException("--x goes with --model: it is the input the model's graph is drawn for.");
        OutputFile output = OutputFile.Check(path, "--out", standardOutput: false, ("--model", modelPath));
        int? maxNodes = parse.GetValue(MaxNodesOption);
        bool laidOut = format != "dot";   // every format but DOT text is laid out by Graphviz
        if (laidOut && maxNodes > Limits.MaxGraphvizNodes)
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--max-nodes {maxNodes:N0} is more than {Limits.MaxGraphvizNodes:N0}, the most nodes Graphviz lays out for .{format} in reasonable time (its time grows as about the 2.5th power of the nodes: minutes at {Limits.MaxGraphvizNodes:N0}, hours at 100,000). Write --out graph.dot (up to {Limits.MaxGraphNodes:N0} nodes) to lay it out yourself, or draw a smaller model."));

        Value root;
        string what;
        if (modelPath is null)
        {
            root = ExampleGraphs.Build(example ?? "seed");
            what = $"the {example ?? "seed"} example";
        }
        else
        {
            if (x is null) throw new UsageException("--model needs --x X,X,...: the input to draw the model's graph for.");
            SavedModel saved = SavedModels.Load(modelPath);
            Module model = saved.Model;
            if (model.InputSize is int inputs && inputs != x.Length)
                throw new UsageException($"The model reads {inputs} inputs but --x has {x.Length} value{(x.Length == 1 ? "" : "s")}.");
            // Named as the model file names them, so every box in the picture says what it is.
            foreach ((string name, Value parameter) in model.NamedParameters()) parameter.Label = name;
            string[] inputNames = saved.Metadata?.FeatureNames is { } features ? [.. features.Select(Shown.Label)] : [];
            Value[] inputValues = [.. x.Select((v, i) => new Value(v, inputNames.Length == x.Length ? inputNames[i] : $"x[{i}]"))];
            IReadOnlyList<Value> outputs = model.Forward(inputValues);
            // A graph has one root: the only output, or the output of the class the model picks.
            int chosen = 0;
            if (outputs.Count > 1 && ModelTasks.DecisionRule(saved.Metadata?.Task, outputs.Count) is Objective rule)
                chosen = Objectives.Decide(rule, [.. outputs.Select(o => o.Data)]).Class;
            root = outputs[chosen];
            root.Label = outputs.Count == 1 ? "output" : $"output[{chosen}]";
            root.Backward();
            what = outputs.Count == 1 ? $"{model} for one input" : $"{model}, output {chosen} (the predicted class), for one input";
        }

        int nodes = Graph.Trace(root).Nodes.Count;
        bool picture = format is "svg" or "png" or "pdf";
        int limit = maxNodes ?? (picture ? PictureNodes : PageNodes);
        if (nodes > limit)
            throw new UsageException(picture
                ? $"The graph has {nodes} nodes, more than the limit of {limit}: a picture that large is unreadable. Write --out graph.html to pan, zoom and click through it, draw a smaller model, or raise --max-nodes."
                : $"The graph has {nodes} nodes, more than the limit of {limit}: Graphviz would be slow and the page hard to use. Draw a smaller model, or raise --max-nodes.");

        RankDir rankDir = string.Equals(parse.GetValue(RankDirOption), "TB", StringComparison.OrdinalIgnoreCase) ? RankDir.TB : RankDir.LR;
        void Draw()
        {
            if (format == "html") Graph.RenderHtml(root, path, rankDir, context.Cancellation);
            else Graph.Render(root, path, rankDir, context.Cancellation);
        }
        try
        {
            if (context.Live && laidOut)
                context.Console.Status().Start(string.Create(CultureInfo.InvariantCulture, $"Laying out {nodes:N0} nodes…"), _ => Draw());
            else
                Draw();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw output.CannotWrite(e);
        }
        context.Console.WriteLine($"Wrote {Shown.Text(path)}: {what}, {nodes} nodes.");
        return ExitCodes.Ok;
    }

    /// <summary>The lower-case extension of <paramref name="path"/> without its dot, if <c>--out</c> supports it.</summary>
    /// <remarks>Checked here rather than left to <see cref="Graph.Render(Value, string, RankDir)"/>, whose message cannot name .html.</remarks>
    private static string FormatOf(string path)
    {
        string extension = Path.GetExtension(path);
        string format = extension.TrimStart('.').ToLowerInvariant();
        if (Array.IndexOf(Formats, format) >= 0) return format;
        string named = extension.Length == 0 ? "no extension" : $"the extension '{extension}'";
        throw new UsageException($"--out: cannot write '{path}': it has {named}. Supported extensions are .svg, .png, .pdf, .dot and .html.");
    }
}

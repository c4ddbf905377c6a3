using System.CommandLine;
using Michigrad.Cli.Running;
using Michigrad.NN;
using Michigrad.Serialization;
using Michigrad.Training;
using Michigrad.Visualization;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad graph</c>: draws a computation graph with Graphviz (or writes its DOT text).</summary>
internal static class GraphCommand
{
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "The picture: .svg, .png, .pdf (these need Graphviz) or .dot.",
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
    private static readonly Option<int> MaxNodesOption = OptionParsers.Int("--max-nodes",
        "Refuse graphs with more nodes than this (Graphviz gets slow and the picture unreadable).", 2000);

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
        string? example = parse.GetValue(ExampleOption);
        string? modelPath = parse.GetValue(ModelOption);
        double[]? x = parse.GetValue(XOption) is { Length: > 0 } given ? given : null;   // absent may read as empty
        if (example is not null && modelPath is not null)
            throw new UsageException("Give either --example or --model, not both.");
        if (x is not null && modelPath is null)
            throw new UsageException("--x goes with --model: it is the input the model's graph is drawn for.");

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
            IReadOnlyList<Value> outputs = model.Forward(x);
            // A graph has one root: the only output, or the output of the class the model picks.
            int chosen = 0;
            if (outputs.Count > 1 && ModelTasks.DecisionRule(saved.Metadata?.Task, outputs.Count) is Objective rule)
                chosen = Objectives.Decide(rule, [.. outputs.Select(o => o.Data)]).Class;
            root = outputs[chosen];
            root.Backward();
            what = outputs.Count == 1 ? $"{model} for one input" : $"{model}, output {chosen} (the predicted class), for one input";
        }

        int nodes = Graph.Trace(root).Nodes.Count;
        int limit = parse.GetValue(MaxNodesOption);
        if (nodes > limit)
            throw new UsageException(
                $"The graph has {nodes} nodes, more than the limit of {limit}: Graphviz would be slow and the picture unreadable. Use a smaller model, or raise --max-nodes.");

        string path = parse.GetValue(OutOption)!;
        RankDir rankDir = string.Equals(parse.GetValue(RankDirOption), "TB", StringComparison.OrdinalIgnoreCase) ? RankDir.TB : RankDir.LR;
        try
        {
            Graph.Render(root, path, rankDir);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--out: {DataSource.Sentence(e)}", e);   // an unsupported extension
        }
        catch (DirectoryNotFoundException e)
        {
            throw new UsageException($"--out: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UsageException($"Cannot write --out '{path}': {e.Message}", e);
        }
        context.Console.WriteLine($"Wrote {path}: {what}, {nodes} nodes.");
        return ExitCodes.Ok;
    }
}

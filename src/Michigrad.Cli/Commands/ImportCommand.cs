using System.CommandLine;
using Michigrad.Cli.Running;
using Michigrad.Interop;
using Michigrad.Serialization;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad import</c>: loads safetensors weights (from PyTorch, TorchSharp or an export) into a model
/// file's architecture and saves the result as a new model file.</summary>
internal static class ImportCommand
{
    private static readonly Option<string> WeightsOption = new("--weights")
    {
        Description = "The safetensors file, with PyTorch's names and shapes (0.weight [out, in], 0.bias [out], ...).",
        HelpName = "FILE.safetensors",
        Required = true,
    };
    private static readonly Option<string> LikeOption = new("--like")
    {
        Description = "A model file with the same architecture; its metadata is kept.",
        HelpName = "model.json",
        Required = true,
    };
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "The model file to write.",
        HelpName = "new.json",
        Required = true,
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("import", "Load safetensors weights (PyTorch, TorchSharp) into a model file's architecture.")
        {
            WeightsOption, LikeOption, OutOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    private static int Run(ParseResult parse, CliContext context)
    {
        string weights = parse.GetValue(WeightsOption)!;
        string likePath = parse.GetValue(LikeOption)!;
        OutputFile output = OutputFile.Check(parse.GetValue(OutOption), "--out", standardOutput: false,
            ("--weights", weights), ("--like", likePath));
        SavedModel like = SavedModels.Load(likePath);
        UserPaths.RequireFile(weights, "weights");
        try
        {
            Safetensors.Read(weights, like.Model);
        }
        catch (ModelFileException e)
        {
            // The library's message calls every file it reads a model file; this one is the weights.
            throw new UsageException($"The weights file '{Shown.Text(weights)}': {e.Reason}", e);
        }
        catch (NotSupportedException e)
        {
            throw new UsageException($"Cannot import into '{Shown.Text(likePath)}': {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read the weights file '{Shown.Text(weights)}': {e.Message}", e);
        }

        string json;
        try
        {
            json = ModelFile.ToJson(like.Model, like.Metadata);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"Cannot save the imported model: {DataSource.Sentence(e)}", e);
        }
        output.Write(context, temporary => File.WriteAllText(temporary, json));
        context.Console.WriteLine($"Wrote {output.Shown}: {like.Model} with the weights of {Shown.Text(weights)}");
        return ExitCodes.Ok;
    }
}

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
        string output = parse.GetValue(OutOption)!;
        SavedModel like = SavedModels.Load(parse.GetValue(LikeOption)!);
        if (!File.Exists(weights)) throw new UsageException($"The weights file '{weights}' does not exist.");
        try
        {
            Safetensors.Read(weights, like.Model);
        }
        catch (ModelFileException e)
        {
            throw new UsageException(e.Message, e);
        }
        catch (NotSupportedException e)
        {
            throw new UsageException($"Cannot import into '{parse.GetValue(LikeOption)}': {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot read the weights file '{weights}': {e.Message}", e);
        }

        try
        {
            ModelFile.Save(like.Model, output, like.Metadata);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write --out '{output}': {e.Message}", e);
        }
        context.Console.WriteLine($"Wrote {output}: {like.Model} with the weights of {weights}");
        return ExitCodes.Ok;
    }
}

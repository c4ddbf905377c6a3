using System.CommandLine;
using System.Text;
using Michigrad.Cli.Running;
using Michigrad.Interop;
using Michigrad.NN;
using Michigrad.Serialization;
using Spectre.Console;

namespace Michigrad.Cli.Commands;

/// <summary><c>michigrad export</c>: writes a saved model as ONNX, safetensors or a plain C# class.</summary>
internal static class ExportCommand
{
    private static readonly string[] Formats = ["onnx", "safetensors", "cs"];

    private static readonly Option<string> ModelOption = new("--model")
    {
        Description = "The model file written by 'michigrad train'.",
        HelpName = "model.json",
        Required = true,
    };
    private static readonly Option<string> OutOption = new("--out")
    {
        Description = "The file to write; its extension (.onnx, .safetensors, .cs) gives the format unless --format does.",
        HelpName = "FILE",
        Required = true,
    };
    private static readonly Option<string?> FormatOption = new("--format")
    {
        Description = "onnx (ONNX Runtime, ML.NET, Netron), safetensors (PyTorch's load_state_dict) or cs (one C# file with Predict).",
        HelpName = "onnx|safetensors|cs",
        CustomParser = result =>
        {
            string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Formats.Contains(token, StringComparer.Ordinal)) return token;
            result.AddError($"--format must be onnx, safetensors or cs, got '{token}'.");
            return null;
        },
    };
    private static readonly Option<string> DTypeOption = new("--dtype")
    {
        Description = "The number type of an ONNX or safetensors file: float64 (exact) or float32 (half the size). A C# class computes in double (a warning says --dtype is ignored).",
        HelpName = "float64|float32",
        DefaultValueFactory = _ => "float64",
        CustomParser = result =>
        {
            string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (token is "float64" or "float32") return token;
            result.AddError($"--dtype must be float64 or float32, got '{token}'.");
            return "float64";
        },
    };
    private static readonly Option<string?> ClassNameOption = new("--class-name")
    {
        Description = "The C# class name for --format cs, optionally after a namespace (default: from the --out file name); ignored, with a warning, for other formats.",
        HelpName = "Namespace.Name",
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("export", "Export a saved model as ONNX, safetensors (PyTorch) or a dependency-free C# class.")
        {
            ModelOption, OutOption, FormatOption, DTypeOption, ClassNameOption,
        };
        command.SetAction(parse => Run(parse, context));
        return command;
    }

    private static int Run(ParseResult parse, CliContext context)
    {
        string modelPath = parse.GetValue(ModelOption)!;
        OutputFile output = OutputFile.Check(parse.GetValue(OutOption), "--out", standardOutput: false, ("--model", modelPath));
        string format = parse.GetValue(FormatOption) ?? FormatOf(output.Path);
        ElementType elementType = parse.GetValue(DTypeOption) == "float32" ? ElementType.Float : ElementType.Double;
        string? className = parse.GetValue(ClassNameOption);
        WarnAboutOptionsThatDoNotApply(parse, context, format);
        if (format != "cs") className = null;

        SavedModel saved = SavedModels.Load(modelPath);
        Module model = saved.Model;
        int? inputs = model.InputSize is null ? saved.Metadata?.FeatureCount ?? saved.Metadata?.FeatureNames?.Count : null;
        string what;
        byte[] content;
        try
        {
            switch (format)
            {
                case "onnx":
                    content = Onnx.ToBytes(model, inputs, elementType, saved.Metadata);
                    what = $"ONNX, opset {Onnx.OpsetVersion}, {Name(elementType)}";
                    break;
                case "safetensors":
                    content = Safetensors.ToBytes(model, elementType, saved.Metadata);
                    what = $"safetensors, {Name(elementType)}: {string.Join(", ", Safetensors.TensorNames(model).Select(t => t.Name))}";
                    break;
                default:
                    className ??= CSharpExport.ClassNameFor(output.Path);
                    content = new UTF8Encoding(false).GetBytes(CSharpExport.ToSource(model, className, saved.Metadata, inputs));
                    what = $"C# class {className}";
                    break;
            }
        }
        catch (ArgumentException e) when (e.ParamName == "className")
        {
            throw new UsageException($"--class-name {DataSource.Sentence(e)["className ".Length..]}", e);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException and not ArgumentNullException)
        {
            throw new UsageException($"Cannot export '{Shown.Text(modelPath)}': {e.Message}", e);
        }
        output.Write(context, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(content);
            stream.Flush(flushToDisk: true);   // on disk before the rename
        });
        context.Console.WriteLine($"Wrote {output.Shown} ({what}) from {model}");
        return ExitCodes.Ok;
    }

    /// <summary>Says which given options the format makes meaningless, as train does, rather than ignoring them silently.</summary>
    private static void WarnAboutOptionsThatDoNotApply(ParseResult parse, CliContext context, string format)
    {
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        if (format == "cs" && Given(DTypeOption))
            context.Error.WriteLine("warning: --dtype applies to onnx and safetensors; a C# class computes in double, so it is ignored.");
        if (format != "cs" && Given(ClassNameOption))
            context.Error.WriteLine($"warning: --class-name applies to --format cs; it is ignored with {format}.");
    }

    private static string Name(ElementType elementType) => elementType == ElementType.Double ? "float64" : "float32";

    /// <summary>The format named by the extension of <paramref name="path"/>.</summary>
    private static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".onnx" => "onnx",
        ".safetensors" => "safetensors",
        ".cs" => "cs",
        var extension => throw new UsageException(
            $"--out: cannot tell the format of '{Shown.Text(path)}' from {(extension.Length == 0 ? "no extension" : $"the extension '{extension}'")}; use .onnx, .safetensors or .cs, or give --format."),
    };
}

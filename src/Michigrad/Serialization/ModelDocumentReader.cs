using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Michigrad.NN;
using Michigrad.Serialization.Json;

namespace Michigrad.Serialization;

/// <summary>
/// Reads the text of a model file: checks the header, rebuilds the architecture, then sets every parameter by
/// name. Every fault becomes a <see cref="ModelFileException"/> that names the source.
/// </summary>
/// <param name="source">The file name for messages, or <see langword="null"/> for unnamed JSON text.</param>
internal sealed class ModelDocumentReader(string? source)
{
    /// <summary>
    /// Above this many parameters an architecture that the file has too few values for is refused without being
    /// built: naming the missing parameters would mean allocating them, and a damaged or hostile file could ask
    /// for billions. A genuine file always holds as many values as its architecture has parameters.
    /// </summary>
    private const double LargestModelBuiltToNameMissingParameters = 1_000_000;

    /// <summary>JSON's white space: space, tab, line feed, carriage return.</summary>
    private static ReadOnlySpan<byte> JsonWhiteSpace => " \t\n\r"u8;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private const string SupportedTypes = "Sequential, Linear, Tanh, ReLU, Sigmoid, MLP, Layer or Neuron";

    /// <summary>Reads the text of a model file.</summary>
    public SavedModel Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    /// <summary>Reads a model file's UTF-8 bytes (a byte order mark is skipped). Nothing but the model is allocated
    /// for the parameters: their values go from the bytes straight into it.</summary>
    public SavedModel Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Utf8Bom)) utf8 = utf8[Utf8Bom.Length..];
        CheckStart(utf8);
        if (utf8.IndexOfAnyExcept(JsonWhiteSpace) < 0) throw Fail(source is null ? "the text is empty." : "the file is empty.");

        CheckHeader(Deserialize(utf8, ModelJsonContext.Shared.HeaderDto));
        DocumentDto<ParameterSpan> document = Deserialize(utf8, ModelJsonContext.Shared.ReadableDocument);

        ModuleDto architecture = document.Model ?? throw Fail("the document has no \"model\".");
        ParameterSpan span = document.Parameters ?? throw Fail("the document has no \"parameters\".");
        var parameters = new ParameterReader(this, utf8, span);

        // Widths are checked while counting, so a negative width cannot cancel a huge one, and the total is bounded
        // before anything is built.
        double parameterCount = CountParameters(architecture, "$.model");
        if (parameterCount > ModelFile.MaxParameterCount)
            throw Fail(ModelFileRules.TooManyParameters(parameterCount));
        int valueCount = parameters.Count();
        if (parameterCount > valueCount && parameterCount > LargestModelBuiltToNameMissingParameters)
            throw Fail($"the architecture has {parameterCount:N0} parameters but \"parameters\" holds {valueCount:N0} values.");

        Module model = Build(architecture, "$.model");
        if (parameterCount == 0)
            throw Fail(ModelFileRules.NoOutputLayer);
        parameters.SetInto(model, (int)parameterCount);
        ModelMetadata? metadata = document.Metadata is null ? null : ReadMetadata(document.Metadata);
        if (metadata?.FindProblem(model) is string problem) throw Fail(problem);
        return new SavedModel(model, metadata);
    }

    /// <summary>Refuses text whose first character that is not white space is not the <c>{</c> that starts a model
    /// file: called on a file's first bytes before the rest is read.</summary>
    public void CheckStart(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Utf8Bom)) utf8 = utf8[Utf8Bom.Length..];
        int first = utf8.IndexOfAnyExcept(JsonWhiteSpace);
        if (first >= 0 && utf8[first] != (byte)'{')
            throw Fail($"a model file is a JSON object starting with '{{', but this starts with '{Excerpt(utf8[first..])}'.");
    }

    private void CheckHeader(HeaderDto? header)
    {
        if (header?.Format is not string format)
            throw Fail($"the document has no \"format\"; a Michigrad model file says \"format\": \"{ModelFile.FormatName}\".");
        if (format != ModelFile.FormatName)
            throw Fail($"\"format\" is \"{format}\", not \"{ModelFile.FormatName}\": this is not a Michigrad model file.");
        if (header.Version is not int version)
            throw Fail("the document has no \"version\".");
        if (version != ModelFile.FormatVersion)
            throw Fail($"version {version} is not supported; this version of Michigrad reads version {ModelFile.FormatVersion}.");
    }

    private T Deserialize<T>(ReadOnlySpan<byte> utf8, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, type)!;
        }
        catch (JsonException e)
        {
            throw Fail(DescribeJsonError(utf8, e), e);
        }
        catch (InvalidOperationException e)
        {
            // A string that is not text: invalid UTF-8, or an escaped lone surrogate such as "\ud800".
            throw Fail($"a string in the file is not valid text ({e.Message})", e);
        }
    }

    private static string DescribeJsonError(ReadOnlySpan<byte> utf8, JsonException e)
    {
        // JsonException's message ends with " Path: $.x | LineNumber: 2 | BytePositionInLine: 7." counted from 0;
        // keep the sentence before it and say the position once, counted from 1.
        string message = e.Message;
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        message = Rephrase(message);

        if (e.LineNumber is not long line) return $"JSON error: {message}";
        string at = $"line {line + 1}, byte {e.BytePositionInLine + 1}";
        if (e.Path is { Length: > 1 } path) at += $" ({path})";
        if (IsEnd(utf8, line, e.BytePositionInLine ?? 0))
            return $"the JSON ends early at {at}; the file looks truncated: {message}";
        return $"JSON error at {at}: {message}";
    }

    /// <summary>Says the serializer's complaints about well-formed JSON in the file's terms, without the names of
    /// the internal types it was filling; any other message is kept as it is.</summary>
    private static string Rephrase(string message)
    {
        const string conversion = "The JSON value could not be converted to ";
        if (message.StartsWith(conversion, StringComparison.Ordinal))
        {
            string target = message[conversion.Length..];
            string expected =
                target.Contains("ModuleDto") ? (target.Contains("List") ? "a list of modules" : "a module object")
                : target.Contains("MetadataDto") ? "an object"
                : target.Contains("OrderedDictionary") ? "an object of named numbers"
                : target.Contains("List") ? "a list of strings"
                : target.Contains("Int32[]") ? "a list of whole numbers"
                : target.Contains("Int32") ? "a whole number"
                : target.Contains("Boolean") ? "true or false"
                : target.Contains("String") ? "a string"
                : "of the expected kind";
            return $"the value is not {expected}.";
        }
        Match unmapped = Regex.Match(message, "^The JSON property '(.*)' could not be mapped");
        if (unmapped.Success) return $"there is no field \"{unmapped.Groups[1].Value}\" here.";
        if (message.StartsWith("Duplicate propert", StringComparison.Ordinal)) return "the same name appears twice.";
        return message;
    }

    /// <summary>Whether a 0-based line and byte lie at or past the last character that is not white space: where
    /// the reader gives up on a truncated file.</summary>
    private static bool IsEnd(ReadOnlySpan<byte> utf8, long line, long byteInLine)
    {
        ReadOnlySpan<byte> trimmed = utf8[..(utf8.LastIndexOfAnyExcept(JsonWhiteSpace) + 1)];
        int lastBreak = trimmed.LastIndexOf((byte)'\n');
        long lastLine = trimmed.Count((byte)'\n');
        long lastLineBytes = trimmed.Length - (lastBreak + 1);
        return line > lastLine || (line == lastLine && byteInLine >= lastLineBytes);
    }

    /// <summary>The first 20 characters of some text, for a message.</summary>
    internal static string Excerpt(ReadOnlySpan<byte> utf8)
    {
        string text = Encoding.UTF8.GetString(utf8[..Math.Min(utf8.Length, 80)]);
        return text.Length <= 20 && utf8.Length <= 80 ? text : $"{text[..Math.Min(text.Length, 20)]}…";
    }

    /// <summary>The position of a byte of the document as JSON errors give it, both counted from 0.</summary>
    internal static (long Line, long ByteInLine) Position(ReadOnlySpan<byte> utf8, int offset)
    {
        ReadOnlySpan<byte> before = utf8[..offset];
        return (before.Count((byte)'\n'), offset - (before.LastIndexOf((byte)'\n') + 1));
    }

    /// <summary>The parameter count the architecture implies, as a double so that absurd widths cannot overflow.
    /// Every width is checked on the way (at least 1), with the messages <see cref="Build"/> would give.</summary>
    private double CountParameters(ModuleDto? dto, string where)
    {
        if (dto is null) return 0;
        double bias = dto.Bias ?? true ? 1 : 0;
        switch (dto.Type)
        {
            case "Linear" or "Layer":
                return (Width(dto.In, "in", dto, where) + bias) * Width(dto.Out, "out", dto, where);
            case "Neuron":
                return Width(dto.In, "in", dto, where) + bias;
            case "MLP":
                double inputs = Width(dto.In, "in", dto, where);
                double count = 0;
                foreach (int width in Sizes(dto, where))
                {
                    count += (inputs + bias) * width;
                    inputs = width;
                }
                return count;
            case "Sequential":
                double sum = 0;
                for (int i = 0; i < (dto.Modules?.Count ?? 0); i++) sum += CountParameters(dto.Modules![i], $"{where}.modules[{i}]");
                return sum;
            default:
                return 0;
        }
    }

    /// <param name="dto">The module's description.</param>
    /// <param name="where">Its JSON path, for messages.</param>
    private Module Build(ModuleDto? dto, string where)
    {
        if (dto is null) throw Fail($"{where} is null, not a module.");
        try
        {
            switch (dto.Type)
            {
                case null:
                    throw Fail($"{where} has no \"type\".");
                case "Sequential":
                    Expect(dto, where, ["modules"]);
                    List<ModuleDto?> children = dto.Modules ?? throw Fail($"{where} (Sequential) has no \"modules\".");
                    return new Sequential([.. children.Select((child, i) => Build(child, $"{where}.modules[{i}]"))]);
                case "Linear":
                    Expect(dto, where, ["in", "out", "bias"]);
                    return new Linear(Width(dto.In, "in", dto, where), Width(dto.Out, "out", dto, where), dto.Bias ?? true);
                case "Tanh":
                    Expect(dto, where, ["width"]);
                    return new Tanh(OptionalWidth(dto, where));
                case "ReLU":
                    Expect(dto, where, ["width"]);
                    return new ReLU(OptionalWidth(dto, where));
                case "Sigmoid":
                    Expect(dto, where, ["width"]);
                    return new Sigmoid(OptionalWidth(dto, where));
                case "MLP":
                    Expect(dto, where, ["in", "sizes", "bias", "hiddenActivation"]);
                    return new MLP(
                        Width(dto.In, "in", dto, where),
                        Sizes(dto, where),
                        dto.Bias ?? true,
                        ParseActivation(dto.HiddenActivation, "hiddenActivation", dto, where));
                case "Layer":
                    Expect(dto, where, ["in", "out", "bias", "activation"]);
                    return new Layer(
                        Width(dto.In, "in", dto, where),
                        Width(dto.Out, "out", dto, where),
                        dto.Bias ?? true,
                        ParseActivation(dto.Activation, "activation", dto, where));
                case "Neuron":
                    Expect(dto, where, ["in", "bias", "activation"]);
                    return new Neuron(Width(dto.In, "in", dto, where), dto.Bias ?? true, ParseActivation(dto.Activation, "activation", dto, where));
                default:
                    throw Fail($"{where} has the unknown module type \"{dto.Type}\"; a model file holds {SupportedTypes}.");
            }
        }
        catch (ArgumentException e)
        {
            // The modules' own checks, chiefly Sequential's: "module 0 (Linear(2, 4)) outputs 4 values but module 1
            // (Linear(3, 1)) expects 3." The parameter name it appends means nothing to the file's reader.
            string message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "");
            throw Fail($"{where} cannot be built: {message}", e);
        }
    }

    /// <summary>Refuses fields that the module's type does not take, such as a "width" on a Linear.</summary>
    private void Expect(ModuleDto dto, string where, string[] allowed)
    {
        foreach (string field in PresentFields(dto))
            if (!allowed.Contains(field))
                throw Fail($"{where} is a {dto.Type}, which has no \"{field}\"; it takes {(allowed.Length == 0 ? "no fields" : string.Join(", ", allowed.Select(a => $"\"{a}\"")))}.");
    }

    private static IEnumerable<string> PresentFields(ModuleDto dto)
    {
        if (dto.In is not null) yield return "in";
        if (dto.Out is not null) yield return "out";
        if (dto.Sizes is not null) yield return "sizes";
        if (dto.Bias is not null) yield return "bias";
        if (dto.Activation is not null) yield return "activation";
        if (dto.HiddenActivation is not null) yield return "hiddenActivation";
        if (dto.Width is not null) yield return "width";
        if (dto.Modules is not null) yield return "modules";
    }

    private int Width(int? value, string field, ModuleDto dto, string where) => value switch
    {
        null => throw Fail($"{where} ({dto.Type}) has no \"{field}\"."),
        < 1 => throw Fail($"{where} ({dto.Type}) has \"{field}\": {value}; a width must be at least 1."),
        int width => width,
    };

    private int? OptionalWidth(ModuleDto dto, string where) =>
        dto.Width is null ? null : Width(dto.Width, "width", dto, where);

    private int[] Sizes(ModuleDto dto, string where)
    {
        int[] sizes = dto.Sizes ?? throw Fail($"{where} (MLP) has no \"sizes\".");
        if (sizes.Length == 0) throw Fail($"{where} (MLP) has empty \"sizes\"; it needs at least one layer width.");
        for (int k = 0; k < sizes.Length; k++)
            if (sizes[k] < 1) throw Fail($"{where} (MLP) has \"sizes\"[{k}] = {sizes[k]}; a width must be at least 1.");
        return sizes;
    }

    /// <summary>The activation a field names; ReLU, the constructors' default, when it is absent.</summary>
    private Activation ParseActivation(string? name, string field, ModuleDto dto, string where) =>
        name is null ? Activation.ReLU
        : EnumNames.ParseActivation(name)
            ?? throw Fail($"{where} ({dto.Type}) has \"{field}\": \"{name}\"; it must be {EnumNames.ActivationList}.");

    private ModelMetadata ReadMetadata(MetadataDto dto)
    {
        ModelTask? task = null;
        if (dto.Task is string name)
            task = EnumNames.ParseTask(name) ?? throw Fail($"the metadata's task \"{name}\" is unknown; it must be {EnumNames.TaskList}.");
        return new ModelMetadata
        {
            Dataset = dto.Dataset,
            Task = task,
            FeatureCount = dto.FeatureCount,
            FeatureNames = dto.FeatureNames?.ToArray()!,   // a null name is reported by FindProblem
            ClassCount = dto.ClassCount,
            ClassNames = dto.ClassNames?.ToArray()!,
        };
    }

    internal ModelFileException Fail(string reason, Exception? inner = null) => new(source, reason, inner);
}

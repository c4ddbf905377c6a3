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
    /// <summary>How many missing or extra parameter names a message lists.</summary>
    private const int NamesListed = 5;

    /// <summary>
    /// Above this many parameters an architecture that the file has too few values for is refused without being
    /// built: naming the missing parameters would mean allocating them, and a damaged or hostile file could ask
    /// for billions. A genuine file always holds as many values as its architecture has parameters.
    /// </summary>
    private const double LargestModelBuiltToNameMissingParameters = 1_000_000;

    private const string SupportedTypes = "Sequential, Linear, Tanh, ReLU, Sigmoid, MLP, Layer or Neuron";

    public SavedModel Read(string json)
    {
        ReadOnlySpan<char> start = json.AsSpan().TrimStart();
        if (start.IsEmpty) throw Fail(source is null ? "the text is empty." : "the file is empty.");
        if (start[0] != '{')
            throw Fail($"a model file is a JSON object starting with '{{', but this starts with '{Excerpt(start)}'.");

        CheckHeader(Deserialize(json, ModelJsonContext.Shared.HeaderDto));
        DocumentDto<JsonElement> document = Deserialize(json, ModelJsonContext.Shared.ReadableDocument);

        ModuleDto architecture = document.Model ?? throw Fail("the document has no \"model\".");
        OrderedDictionary<string, JsonElement> values = document.Parameters ?? throw Fail("the document has no \"parameters\".");

        // Widths are checked while counting, so a negative width cannot cancel a huge one, and the total is bounded
        // before anything is built.
        double parameterCount = CountParameters(architecture, "$.model");
        if (parameterCount > ModelFile.MaxParameterCount)
            throw Fail(ModelFileRules.TooManyParameters(parameterCount));
        if (parameterCount > values.Count && parameterCount > LargestModelBuiltToNameMissingParameters)
            throw Fail($"the architecture has {parameterCount:N0} parameters but \"parameters\" holds {values.Count:N0} values.");

        Module model = Build(architecture, "$.model");
        if (parameterCount == 0)
            throw Fail(ModelFileRules.NoOutputLayer);
        SetParameters(model, values);
        ModelMetadata? metadata = document.Metadata is null ? null : ReadMetadata(document.Metadata);
        if (metadata?.FindProblem(model) is string problem) throw Fail(problem);
        return new SavedModel(model, metadata);
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

    private T Deserialize<T>(string json, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type)!;
        }
        catch (JsonException e)
        {
            throw Fail(DescribeJsonError(json, e), e);
        }
    }

    private static string DescribeJsonError(string json, JsonException e)
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
        if (IsEnd(json, line, e.BytePositionInLine ?? 0))
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
    private static bool IsEnd(string json, long line, long byteInLine)
    {
        ReadOnlySpan<char> trimmed = json.AsSpan().TrimEnd();
        int lastBreak = trimmed.LastIndexOf('\n');
        long lastLine = trimmed.Count('\n');
        long lastLineBytes = Encoding.UTF8.GetByteCount(trimmed[(lastBreak + 1)..]);
        return line > lastLine || (line == lastLine && byteInLine >= lastLineBytes);
    }

    private static string Excerpt(ReadOnlySpan<char> text) => text.Length <= 20 ? text.ToString() : $"{text[..20]}…";

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

    private void SetParameters(Module model, OrderedDictionary<string, JsonElement> values)
    {
        List<(string Name, Value Parameter)> named = [.. model.NamedParameters()];
        var names = new HashSet<string>(named.Select(p => p.Name), StringComparer.Ordinal);
        List<string> missing = [.. named.Select(p => p.Name).Where(name => !values.ContainsKey(name))];
        List<string> extra = [.. values.Keys.Where(name => !names.Contains(name))];
        if (missing.Count > 0 || extra.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add($"{missing.Count} missing ({ListSome(missing)})");
            if (extra.Count > 0) parts.Add($"{extra.Count} not in the model ({ListSome(extra)})");
            throw Fail($"the parameters do not match the architecture: {string.Join("; ", parts)}.");
        }

        foreach ((string name, Value parameter) in named)
            parameter.Data = Number(name, values[name]);
    }

    private static string ListSome(List<string> names) =>
        string.Join(", ", names.Take(NamesListed).Select(name => $"\"{name}\"")) + (names.Count > NamesListed ? ", …" : "");

    private double Number(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
            throw Fail($"parameter \"{name}\" is {Excerpt(value.GetRawText())}, not a number.");
        // TryGetDouble refuses what overflows to infinity, such as 1e400.
        if (!value.TryGetDouble(out double number) || !double.IsFinite(number))
            throw Fail($"parameter \"{name}\" is {Excerpt(value.GetRawText())}, which is not a finite double.");
        return number;
    }

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

    private ModelFileException Fail(string reason, Exception? inner = null) => new(source, reason, inner);
}

using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Michigrad.Serialization;

namespace Michigrad.Interop;

/// <summary>Checks a safetensors stream against a model, then sets the model's parameters from it.</summary>
/// <remarks>Every size the file claims is checked against the stream's length (the header) or the model (each
/// tensor) before anything is allocated for it.</remarks>
internal sealed class SafetensorsReader(Stream stream, string? sourceName)
{
    private sealed record TensorEntry(string Name, string DType, long[] Shape, long Begin, long End);

    public void ReadInto(NetworkLayout layout)
    {
        long fileLength = stream.Length;
        if (fileLength < 8)
            throw Fail($"the file is {fileLength} bytes long, too short for the 8-byte header size that starts a safetensors file.");
        Span<byte> sizeBytes = stackalloc byte[8];
        stream.ReadExactly(sizeBytes);
        ulong headerSize = BinaryPrimitives.ReadUInt64LittleEndian(sizeBytes);
        if (headerSize > (ulong)Safetensors.MaxHeaderBytes)
            throw Fail($"the header claims {headerSize} bytes, more than the limit of {Safetensors.MaxHeaderBytes}.");
        if (headerSize > (ulong)(fileLength - 8))
            throw Fail($"the header claims {headerSize} bytes but only {fileLength - 8} follow the header size (truncated file?).");
        if (headerSize < 2)
            throw Fail($"the header is {headerSize} bytes long, too short for a JSON object.");

        // Names and shapes the model expects, to refuse a foreign tensor as soon as the header names it.
        var expected = new List<(string Name, long[] Shape, Action<double[]> Apply)>();
        foreach (DenseStep dense in layout.DenseSteps)
        {
            expected.Add((dense.WeightName, [dense.OutFeatures, dense.InFeatures], values => values.CopyTo(dense.Weight)));
            if (dense.HasBias)
                expected.Add((dense.BiasName, [dense.OutFeatures], values => values.CopyTo(dense.Bias)));
        }

        var header = new byte[headerSize];   // at most the file's length and MaxHeaderBytes: checked above
        stream.ReadExactly(header);
        long dataStart = 8 + (long)headerSize;
        long dataLength = fileLength - dataStart;
        Dictionary<string, TensorEntry> entries = ParseHeader(header, dataLength, [.. expected.Select(e => e.Name)]);

        CheckCoverage(entries.Values, dataLength);

        // Shapes against the model, before any tensor's bytes are read.
        foreach ((string name, long[] shape, Action<double[]> _) in expected)
        {
            if (!entries.TryGetValue(name, out TensorEntry? entry))
                throw Fail($"tensor '{name}' is missing (shape {Shape(shape)}).");
            if (!entry.Shape.SequenceEqual(shape))
                throw Fail($"tensor '{name}' has shape {Shape(entry.Shape)} but the model needs {Shape(shape)}.");
        }

        // Every check passed: the sizes below are the model's. Read everything, then set the parameters at once.
        var loaded = new List<(double[] Values, Action<double[]> Apply)>();
        foreach ((string name, long[] shape, Action<double[]> apply) in expected)
        {
            TensorEntry entry = entries[name];
            var bytes = new byte[entry.End - entry.Begin];
            stream.Position = dataStart + entry.Begin;
            stream.ReadExactly(bytes);
            int size = ElementSize(entry.DType);
            var values = new double[bytes.Length / size];
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = size == 8
                    ? BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(k * 8))
                    : BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(k * 4));
                if (!double.IsFinite(values[k]))
                    throw Fail($"tensor '{name}' holds {values[k].ToString(CultureInfo.InvariantCulture)} at flat index {k}; weights must be finite.");
            }
            loaded.Add((values, apply));
        }
        foreach ((double[] values, Action<double[]> apply) in loaded) apply(values);
    }

    /// <summary>Reads the header in one pass over its bytes, keeping nothing but the entries of the model's tensors:
    /// a name the model does not have is refused where it stands, so what is kept is bounded by the model, and the
    /// memory by the header itself.</summary>
    private Dictionary<string, TensorEntry> ParseHeader(byte[] header, long dataLength, string[] expectedNames)
    {
        var expected = new HashSet<string>(expectedNames, StringComparer.Ordinal);
        var options = new JsonReaderOptions { MaxDepth = 8 };
        var reader = new Utf8JsonReader(header, options);
        try
        {
            // The syntax first, in a pass that keeps nothing: a header that is not JSON is said to be so, whatever
            // its first entries hold.
            var syntax = new Utf8JsonReader(header, options);
            while (syntax.Read()) { }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
                throw Fail($"the header is a JSON {Kind(reader.TokenType)}, not an object.");
            var entries = new Dictionary<string, TensorEntry>(StringComparer.Ordinal);
            bool sawMetadata = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = Text(ref reader, "a tensor name");
                reader.Read();
                if (name == Safetensors.MetadataKey)
                {
                    if (sawMetadata) throw Fail("the header has two '__metadata__' entries.");
                    sawMetadata = true;
                    if (reader.TokenType != JsonTokenType.StartObject)
                        throw Fail("'__metadata__' must be an object of strings.");
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        Utf8JsonReader key = reader;   // named only in an error: no string per entry
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.String)
                            throw Fail($"'__metadata__' entry '{Text(ref key, "a '__metadata__' key")}' must be a string.");
                    }
                    continue;
                }
                if (entries.ContainsKey(name)) throw Fail($"the header lists tensor '{name}' twice.");
                if (!expected.Contains(name))
                    throw Fail($"tensor '{name}' is not a parameter of the model (it expects {Describe(expectedNames)}).");
                entries.Add(name, ParseTensor(name, ref reader, dataLength));
            }
            return entries;
        }
        catch (JsonException e)
        {
            throw Fail($"the header is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>One tensor's entry: <c>{"dtype": "F64", "shape": [out, in], "data_offsets": [begin, end]}</c>, its
    /// fields in any order; others are skipped.</summary>
    private TensorEntry ParseTensor(string name, ref Utf8JsonReader reader, long dataLength)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Fail($"tensor '{name}' must be an object with dtype, shape and data_offsets.");
        string? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string field = Text(ref reader, $"a field name of tensor '{name}'");
            reader.Read();
            switch (field)
            {
                case "dtype":
                    if (reader.TokenType != JsonTokenType.String) throw Fail($"tensor '{name}' has no dtype string.");
                    dtype = Text(ref reader, $"the dtype of tensor '{name}'");
                    break;
                case "shape":
                    if (reader.TokenType != JsonTokenType.StartArray) throw Fail($"tensor '{name}' has no shape array.");
                    shape = Numbers(ref reader, name, 8, n => $"tensor '{name}' has {n} dimensions; at most 8 are read.", "shape entry");
                    break;
                case "data_offsets":
                    offsets = reader.TokenType == JsonTokenType.StartArray
                        ? Numbers(ref reader, name, 2, _ => $"tensor '{name}' needs data_offsets [begin, end].", "data offset")
                        : null;
                    if (offsets is not { Length: 2 }) throw Fail($"tensor '{name}' needs data_offsets [begin, end].");
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (dtype is null) throw Fail($"tensor '{name}' has no dtype string.");
        if (dtype is not ("F64" or "F32"))
            throw Fail($"tensor '{name}' has dtype '{dtype}'; Michigrad reads F64 and F32.");
        if (shape is null) throw Fail($"tensor '{name}' has no shape array.");
        if (offsets is null) throw Fail($"tensor '{name}' needs data_offsets [begin, end].");

        long count = 1;
        foreach (long n in shape)
            // A product beyond the data's length cannot fit anyway: stop before it overflows.
            count = n == 0 || count == 0 ? 0 : count > dataLength / n ? long.MaxValue : count * n;
        (long begin, long end) = (offsets[0], offsets[1]);
        if (end < begin) throw Fail($"tensor '{name}' has data_offsets [{begin}, {end}]: the end is before the beginning.");
        if (end > dataLength)
            throw Fail($"tensor '{name}' has data_offsets [{begin}, {end}] but the data is only {dataLength} bytes long (truncated file?).");
        long bytes = count == long.MaxValue ? long.MaxValue : count * ElementSize(dtype);
        if (bytes != end - begin)
            throw Fail($"tensor '{name}' has shape {Shape(shape)} of {dtype} but data_offsets [{begin}, {end}] span {end - begin} bytes.");
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    /// <summary>An array of at most <paramref name="most"/> whole numbers of at least 0.</summary>
    private long[] Numbers(ref Utf8JsonReader reader, string name, int most, Func<int, string> tooMany, string what)
    {
        var values = new List<long>(most);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (values.Count == most) throw Fail(tooMany(most + 1));
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long n) || n < 0)
            {
                string raw = reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject
                    ? "a nested value"
                    : Encoding.UTF8.GetString(reader.ValueSpan);
                throw Fail($"tensor '{name}' has {what} {raw}, which is not a whole number of at least 0.");
            }
            values.Add(n);
        }
        return [.. values];
    }

    /// <summary>The string under the reader, or an error naming <paramref name="what"/> and its place when it is not
    /// text (invalid UTF-8, or an escaped lone surrogate such as <c>\ud800</c>).</summary>
    private string Text(ref Utf8JsonReader reader, string what)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw Fail($"{what} at byte {8 + reader.TokenStartIndex} of the file is not valid text (invalid UTF-8, or an escaped lone surrogate such as \\ud800).", e);
        }
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        _ => "null",
    };

    /// <summary>The tensors' byte ranges must tile the data exactly, as the reference reader requires.</summary>
    private void CheckCoverage(IEnumerable<TensorEntry> entries, long dataLength)
    {
        long at = 0;
        foreach (TensorEntry entry in entries.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.Begin < at) throw Fail($"tensor '{entry.Name}' overlaps another tensor's bytes (it starts at {entry.Begin}).");
            if (entry.Begin > at) throw Fail($"the data has unused bytes {at} to {entry.Begin} before tensor '{entry.Name}'.");
            at = entry.End;
        }
        if (at != dataLength)
            throw Fail($"the tensors end at byte {at} of the data but the data is {dataLength} bytes long.");
    }

    private static int ElementSize(string dtype) => dtype == "F64" ? 8 : 4;

    private static string Shape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";

    private static string Describe(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));

    private ModelFileException Fail(string reason, Exception? inner = null) => new(sourceName, "not a valid safetensors file for this model: " + reason, inner);
}

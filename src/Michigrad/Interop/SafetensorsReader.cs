using System.Buffers.Binary;
using System.Globalization;
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

        var header = new byte[headerSize];   // at most the file's length and MaxHeaderBytes: checked above
        stream.ReadExactly(header);
        long dataStart = 8 + (long)headerSize;
        long dataLength = fileLength - dataStart;
        Dictionary<string, TensorEntry> entries = ParseHeader(header, dataLength);

        CheckCoverage(entries.Values, dataLength);

        // Names and shapes against the model, before any tensor's bytes are read.
        var expected = new List<(string Name, long[] Shape, Action<double[]> Apply)>();
        foreach (DenseStep dense in layout.DenseSteps)
        {
            expected.Add((dense.WeightName, [dense.OutFeatures, dense.InFeatures], values => values.CopyTo(dense.Weight)));
            if (dense.HasBias)
                expected.Add((dense.BiasName, [dense.OutFeatures], values => values.CopyTo(dense.Bias)));
        }
        var expectedNames = new HashSet<string>(expected.Select(e => e.Name), StringComparer.Ordinal);
        foreach (string name in entries.Keys.Order(StringComparer.Ordinal))
            if (!expectedNames.Contains(name))
                throw Fail($"tensor '{name}' is not a parameter of the model (it expects {Describe(expected.Select(e => e.Name))}).");
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

    private Dictionary<string, TensorEntry> ParseHeader(byte[] header, long dataLength)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw Fail($"the header is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Fail($"the header is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object.");
            var entries = new Dictionary<string, TensorEntry>(StringComparer.Ordinal);
            bool sawMetadata = false;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                string name = property.Name;
                if (name == "__metadata__")
                {
                    if (sawMetadata) throw Fail("the header has two '__metadata__' entries.");
                    sawMetadata = true;
                    if (property.Value.ValueKind != JsonValueKind.Object)
                        throw Fail("'__metadata__' must be an object of strings.");
                    foreach (JsonProperty item in property.Value.EnumerateObject())
                        if (item.Value.ValueKind != JsonValueKind.String)
                            throw Fail($"'__metadata__' entry '{item.Name}' must be a string.");
                    continue;
                }
                if (entries.ContainsKey(name)) throw Fail($"the header lists tensor '{name}' twice.");
                entries.Add(name, ParseTensor(name, property.Value, dataLength));
            }
            return entries;
        }
    }

    private TensorEntry ParseTensor(string name, JsonElement value, long dataLength)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Fail($"tensor '{name}' must be an object with dtype, shape and data_offsets.");
        if (!value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Fail($"tensor '{name}' has no dtype string.");
        string dtype = dtypeElement.GetString()!;
        if (dtype is not ("F64" or "F32"))
            throw Fail($"tensor '{name}' has dtype '{dtype}'; Michigrad reads F64 and F32.");

        if (!value.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw Fail($"tensor '{name}' has no shape array.");
        if (shapeElement.GetArrayLength() > 8) throw Fail($"tensor '{name}' has {shapeElement.GetArrayLength()} dimensions; at most 8 are read.");
        var shape = new long[shapeElement.GetArrayLength()];
        long count = 1;
        int d = 0;
        foreach (JsonElement dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out long n) || n < 0)
                throw Fail($"tensor '{name}' has shape entry {dim.GetRawText()}, which is not a whole number of at least 0.");
            shape[d++] = n;
            // A product beyond the data's length cannot fit anyway: stop before it overflows.
            count = n == 0 || count == 0 ? 0 : count > dataLength / n ? long.MaxValue : count * n;
        }

        if (!value.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array
            || offsets.GetArrayLength() != 2)
            throw Fail($"tensor '{name}' needs data_offsets [begin, end].");
        long begin = Offset(name, offsets[0]);
        long end = Offset(name, offsets[1]);
        if (end < begin) throw Fail($"tensor '{name}' has data_offsets [{begin}, {end}]: the end is before the beginning.");
        if (end > dataLength)
            throw Fail($"tensor '{name}' has data_offsets [{begin}, {end}] but the data is only {dataLength} bytes long (truncated file?).");
        long bytes = count == long.MaxValue ? long.MaxValue : count * ElementSize(dtype);
        if (bytes != end - begin)
            throw Fail($"tensor '{name}' has shape {Shape(shape)} of {dtype} but data_offsets [{begin}, {end}] span {end - begin} bytes.");
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private long Offset(string name, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out long offset) || offset < 0)
            throw Fail($"tensor '{name}' has data offset {element.GetRawText()}, which is not a whole number of at least 0.");
        return offset;
    }

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

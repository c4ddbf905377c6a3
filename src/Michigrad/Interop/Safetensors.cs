using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Michigrad.IO;
using Michigrad.NN;
using Michigrad.Serialization;

namespace Michigrad.Interop;

/// <summary>
/// Writes and reads a model's weights in the <see href="https://github.com/huggingface/safetensors">safetensors</see>
/// format, with PyTorch's names and shapes, so that <c>model.load_state_dict(safetensors.torch.load_file(path))</c>
/// loads them into the equivalent PyTorch <c>nn.Sequential</c>, and weights trained there load back here.
/// </summary>
/// <remarks>
/// <para>A file is an 8-byte little-endian header size n, n bytes of JSON header, then the tensors' bytes (row-major,
/// little-endian). Each dense layer is two tensors: <c>{prefix}weight</c> [out, in] and <c>{prefix}bias</c> [out]
/// (a layer built with <c>bias: false</c> has no bias tensor). The prefix is the layer's index in the equivalent
/// PyTorch <c>nn.Sequential</c>: <c>0.</c>, <c>2.</c> … for a <see cref="Sequential"/> of
/// <c>Linear, Tanh, Linear</c>; an <see cref="MLP"/>'s layer k is <c>{2k}.</c> (its hidden activations sit at the odd
/// indices); a <see cref="Layer"/> or <see cref="Neuron"/> is <c>0.</c>.</para>
/// <para>Reading trusts nothing in the file: the header must be at most <see cref="MaxHeaderBytes"/> and inside the
/// file, every tensor <c>F64</c> or <c>F32</c>, its byte range inside the data, the ranges tiling the data with no
/// gap or overlap, and the names and shapes exactly the model's. Nothing is allocated from a size the file claims
/// before it is checked against the file's length and the model, and the model is changed only when the whole file
/// is good.</para>
/// </remarks>
public static class Safetensors
{
    /// <summary>The largest header read: 100,000,000 bytes, the limit of the reference implementation.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>The header entry of string facts about the file rather than a tensor.</summary>
    internal const string MetadataKey = "__metadata__";

    /// <summary>The names and shapes this library writes for <paramref name="module"/>, in file order.</summary>
    /// <param name="module">The model.</param>
    /// <returns>Each tensor's name and shape, such as <c>("0.weight", [4, 2])</c>.</returns>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be exported.</exception>
    public static IReadOnlyList<(string Name, int[] Shape)> TensorNames(Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var names = new List<(string, int[])>();
        foreach (DenseStep dense in Layout(module).DenseSteps)
        {
            names.Add((dense.WeightName, [dense.OutFeatures, dense.InFeatures]));
            if (dense.HasBias) names.Add((dense.BiasName, [dense.OutFeatures]));
        }
        return names;
    }

    /// <summary>Writes the model's weights to a safetensors file, replacing it all at once.</summary>
    /// <param name="module">The model: a <see cref="Sequential"/> of <see cref="Linear"/>, <see cref="Tanh"/>,
    /// <see cref="ReLU"/> and <see cref="Sigmoid"/>, or an <see cref="MLP"/>, <see cref="Layer"/> or
    /// <see cref="Neuron"/>.</param>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="elementType">The number type stored: <c>F64</c> (the default, exact) or <c>F32</c>.</param>
    /// <param name="metadata">Facts to store in the header's <c>__metadata__</c> (task, dataset, feature and class
    /// names), beside <c>"format": "pt"</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="module"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be exported; nothing is written.</exception>
    /// <exception cref="ArgumentException">A parameter is not finite, or beyond float32's range with <see cref="ElementType.Float"/>; nothing is written.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void Write(Module module, string path, ElementType elementType = ElementType.Double, ModelMetadata? metadata = null)
    {
        byte[] content = ToBytes(module, elementType, metadata);
        ArgumentException.ThrowIfNullOrEmpty(path);
        AtomicFile.Write(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>The bytes of the safetensors file <see cref="Write"/> would write.</summary>
    /// <param name="module">The model.</param>
    /// <param name="elementType">The number type stored.</param>
    /// <param name="metadata">Facts to store in the header's <c>__metadata__</c>.</param>
    /// <returns>The whole file.</returns>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be exported.</exception>
    /// <exception cref="ArgumentException">A parameter is not finite, or beyond float32's range with <see cref="ElementType.Float"/>.</exception>
    public static byte[] ToBytes(Module module, ElementType elementType = ElementType.Double, ModelMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckElementType(elementType);
        NetworkLayout layout = Layout(module);
        layout.CheckFinite(elementType);
        int size = elementType == ElementType.Double ? 8 : 4;

        var tensors = new List<(string Name, int[] Shape, double[] Values)>();
        foreach (DenseStep dense in layout.DenseSteps)
        {
            tensors.Add((dense.WeightName, [dense.OutFeatures, dense.InFeatures], dense.Weight.ToArray()));
            if (dense.HasBias) tensors.Add((dense.BiasName, [dense.OutFeatures], dense.Bias.ToArray()));
        }

        using var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject(MetadataKey);
            json.WriteString("format", "pt");
            foreach ((string key, string value) in InteropMetadata.Entries(metadata)) json.WriteString(key, value);
            json.WriteEndObject();
            long offset = 0;
            foreach ((string name, int[] shape, double[] values) in tensors)
            {
                json.WriteStartObject(name);
                json.WriteString("dtype", elementType == ElementType.Double ? "F64" : "F32");
                json.WriteStartArray("shape");
                foreach (int d in shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += (long)values.Length * size;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        // The header is padded with spaces to a multiple of 8 bytes, as the reference writer does, so that the
        // data starts aligned.
        int headerLength = (int)header.Length;
        int padded = (headerLength + 7) / 8 * 8;
        long dataLength = tensors.Sum(t => (long)t.Values.Length * size);
        var file = new byte[8 + padded + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        header.GetBuffer().AsSpan(0, headerLength).CopyTo(file.AsSpan(8));
        file.AsSpan(8 + headerLength, padded - headerLength).Fill((byte)' ');
        int at = 8 + padded;
        foreach ((string _, int[] _, double[] values) in tensors)
        {
            foreach (double v in values)
            {
                if (size == 8) BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(at), v);
                else BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(at), (float)v);
                at += size;
            }
        }
        return file;
    }

    /// <summary>
    /// Reads a safetensors file into the model's parameters, as PyTorch's <c>load_state_dict</c>: the file must hold
    /// exactly the model's tensors (names and shapes of <see cref="TensorNames"/>), in <c>F64</c> or <c>F32</c>.
    /// </summary>
    /// <param name="path">The safetensors file.</param>
    /// <param name="module">The model whose parameters are set; it is left untouched when the file is rejected.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="module"/> is <see langword="null"/>.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be exported or imported.</exception>
    /// <exception cref="ModelFileException">The file is not a valid safetensors file, or does not fit the model; the
    /// message names the file and the problem.</exception>
    public static void Read(string path, Module module)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(module);
        NetworkLayout layout = Layout(module);
        if (!File.Exists(path)) throw new FileNotFoundException($"Safetensors file '{path}' does not exist.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.CanSeek)
        {
            new SafetensorsReader(stream, path).ReadInto(layout);
            return;
        }
        // A pipe is read whole first (the reader seeks to each tensor), up to the largest file the model can have.
        long limit = 8 + MaxHeaderBytes + 8 * layout.DenseSteps.Sum(d => (d.InFeatures + (d.HasBias ? 1L : 0L)) * d.OutFeatures);
        ReadOnlyMemory<byte> content = LimitedRead.ReadAll(stream, limit, _ => new ModelFileException(path,
            string.Create(CultureInfo.InvariantCulture,
                $"not a valid safetensors file for this model: it holds more than {limit:N0} bytes, the header's limit and 8 bytes for each of the model's weights.")));
        FromBytes(content, module, path);
    }

    /// <summary>Reads safetensors bytes into the model's parameters, as <see cref="Read"/> does for a file.</summary>
    /// <param name="content">The whole file.</param>
    /// <param name="module">The model whose parameters are set; it is left untouched when the content is rejected.</param>
    /// <param name="sourceName">A name for the content in error messages, such as the file it came from.</param>
    /// <exception cref="NotSupportedException">The model holds a module that cannot be imported.</exception>
    /// <exception cref="ModelFileException">The content is not valid safetensors, or does not fit the model.</exception>
    public static void FromBytes(ReadOnlyMemory<byte> content, Module module, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        NetworkLayout layout = Layout(module);
        using var stream = MemoryMarshal.TryGetArray(content, out ArraySegment<byte> array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        new SafetensorsReader(stream, sourceName ?? "safetensors bytes").ReadInto(layout);
    }

    // Only the dense layers' shapes matter to the weights: a model that does not fix its input width (it starts with
    // an activation built without one) is laid out with a nominal width of 1.
    private static NetworkLayout Layout(Module module) => NetworkLayout.Of(module, module.InputSize ?? 1);

    private static void CheckElementType(ElementType elementType)
    {
        if (!Enum.IsDefined(elementType))
            throw new ArgumentOutOfRangeException(nameof(elementType), elementType, $"Unknown element type {elementType}.");
    }
}

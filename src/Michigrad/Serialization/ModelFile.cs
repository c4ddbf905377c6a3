using System.Globalization;
using System.Text;
using Michigrad.IO;
using Michigrad.NN;

namespace Michigrad.Serialization;

/// <summary>
/// Saves a model (its architecture and its weights) as a small JSON document, and loads it back with identical
/// predictions: <c>ModelFile.Save(model, "model.json")</c>, then <c>ModelFile.Load("model.json")</c>.
/// </summary>
/// <remarks>
/// <para>The document, version 1:</para>
/// <code>
/// {
///   "format": "michigrad-model",
///   "version": 1,
///   "model": {
///     "type": "Sequential",
///     "modules": [
///       { "type": "Linear", "in": 2, "out": 4, "bias": true },
///       { "type": "Tanh", "width": 4 }
///     ]
///   },
///   "metadata": { "dataset": "moons", "task": "binary-hinge", "featureCount": 2 },
///   "parameters": { "0.weight[0,0]": -0.2735, "0.weight[0,1]": 0.6190, … }
/// }
/// </code>
/// <para>Module types and their fields: <c>Sequential</c> (<c>modules</c>); <c>Linear</c> (<c>in</c>, <c>out</c>,
/// <c>bias</c>); <c>Tanh</c>, <c>ReLU</c>, <c>Sigmoid</c> (<c>width</c>, omitted for any width); <c>MLP</c>
/// (<c>in</c>, <c>sizes</c>, <c>bias</c>, <c>hiddenActivation</c>); <c>Layer</c> (<c>in</c>, <c>out</c>,
/// <c>bias</c>, <c>activation</c>); <c>Neuron</c> (<c>in</c>, <c>bias</c>, <c>activation</c>). An activation is
/// <c>"None"</c>, <c>"ReLU"</c>, <c>"Tanh"</c> or <c>"Sigmoid"</c>. When reading, <c>bias</c> defaults to true and an
/// activation to ReLU, as in the constructors. <c>metadata</c> is optional (see <see cref="ModelMetadata"/>).</para>
/// <para><c>parameters</c> maps every name of <see cref="Module.NamedParameters"/> to its value. Loading builds the
/// architecture, then sets each parameter by name; the names in the file must be exactly the model's. Numbers are
/// written in the shortest form that reads back to the same double, so weights survive bit for bit.</para>
/// </remarks>
public static class ModelFile
{
    /// <summary>The <c>"format"</c> of every model file.</summary>
    public const string FormatName = "michigrad-model";

    /// <summary>The <c>"version"</c> this library writes and reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>The most parameters a model file may describe: a larger architecture is refused before anything is
    /// built, so a damaged or hostile file cannot make a reader allocate gigabytes.</summary>
    public const int MaxParameterCount = 10_000_000;

    /// <summary>The largest model file read or written: 640,000,000 bytes, 64 for each of the
    /// <see cref="MaxParameterCount"/> parameters (a parameter's line of a file this library writes is its name, a
    /// number of at most 24 characters and 8 more). A longer file is refused before it is read, so reading a model file
    /// holds at most this many bytes of text, and the model.</summary>
    public const long MaxFileBytes = 64L * MaxParameterCount;

    /// <summary>Saves a model to a file, replacing it all at once: a crash leaves either the old file or the new one.</summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <param name="metadata">Facts to save alongside the model, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The model is, or contains, a module type a model file cannot hold;
    /// the file is left untouched.</exception>
    /// <exception cref="ArgumentException">The model has no layer with parameters (so no output layer) or more than
    /// <see cref="MaxParameterCount"/> parameters or a file longer than <see cref="MaxFileBytes"/>, which <see cref="Load"/> would refuse; a parameter is NaN or infinite;
    /// or the metadata contradicts itself or the model. The file is left untouched.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public static void Save(Module model, string path, ModelMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        // All checks happen here, before the file is touched.
        byte[] content = Encoding.UTF8.GetBytes(ToJson(model, metadata));
        if (content.Length > MaxFileBytes)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Cannot save the model: its file would be {content.Length:N0} bytes, more than the {MaxFileBytes:N0} a model file may hold."), nameof(model));
        AtomicFile.Write(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(content);
            stream.Flush(flushToDisk: true);   // on disk before the rename, so a power cut cannot leave an empty file
        });
    }

    /// <summary>Loads a model saved by <see cref="Save"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The model, with every parameter as saved.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="ModelFileException">The file is not a valid model file; the message names it and says why.</exception>
    public static Module Load(string path) => LoadWithMetadata(path).Model;

    /// <summary>Loads a model saved by <see cref="Save"/>, with its metadata.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The model, with every parameter as saved, and the metadata saved with it, if any.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="ModelFileException">The file is not a valid model file, or is longer than
    /// <see cref="MaxFileBytes"/>; the message names it and says why.</exception>
    public static SavedModel LoadWithMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        var reader = new ModelDocumentReader(path);
        ReadOnlyMemory<byte> content = LimitedRead.ReadAllBytes(path, MaxFileBytes, length => reader.Fail(TooLong(length)), reader.CheckStart);
        return reader.Read(content.Span);
    }

    private static string TooLong(long? length) => length is long known
        ? string.Create(CultureInfo.InvariantCulture,
            $"the file is {known:N0} bytes, more than the {MaxFileBytes:N0} a model file may hold (64 bytes for each of at most {MaxParameterCount:N0} parameters).")
        : string.Create(CultureInfo.InvariantCulture,
            $"it holds more than the {MaxFileBytes:N0} bytes a model file may hold (64 bytes for each of at most {MaxParameterCount:N0} parameters).");

    /// <summary>The text a model file would hold: indented JSON ending with a line break.</summary>
    /// <param name="model">The model.</param>
    /// <param name="metadata">Facts to save alongside the model, if any.</param>
    /// <returns>The JSON document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    /// <exception cref="NotSupportedException">The model is, or contains, a module type a model file cannot hold.</exception>
    /// <exception cref="ArgumentException">The model has no layer with parameters or more than
    /// <see cref="MaxParameterCount"/> parameters, a parameter is NaN or infinite, or the metadata contradicts itself
    /// or the model.</exception>
    public static string ToJson(Module model, ModelMetadata? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelDocumentWriter.Write(model, metadata);
    }

    /// <summary>Loads a model from the text of a model file.</summary>
    /// <param name="json">The JSON document.</param>
    /// <param name="sourceName">A name for the text in error messages, such as the file it came from.</param>
    /// <returns>The model, with every parameter as saved.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ModelFileException">The text is not a valid model file; the message says why.</exception>
    public static Module FromJson(string json, string? sourceName = null) => FromJsonWithMetadata(json, sourceName).Model;

    /// <summary>Loads a model, with its metadata, from the text of a model file.</summary>
    /// <param name="json">The JSON document.</param>
    /// <param name="sourceName">A name for the text in error messages, such as the file it came from.</param>
    /// <returns>The model, with every parameter as saved, and the metadata saved with it, if any.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ModelFileException">The text is not a valid model file; the message says why.</exception>
    public static SavedModel FromJsonWithMetadata(string json, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new ModelDocumentReader(sourceName).Read(json);
    }
}

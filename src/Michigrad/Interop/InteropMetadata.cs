using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Michigrad.Serialization;
using Michigrad.Serialization.Json;

namespace Michigrad.Interop;

/// <summary>A model's <see cref="ModelMetadata"/> as string key-value pairs, the form ONNX metadata props and the
/// safetensors <c>__metadata__</c> hold: keys as in a model file, lists as JSON arrays.</summary>
internal static class InteropMetadata
{
    public static IEnumerable<(string Key, string Value)> Entries(ModelMetadata? metadata)
    {
        if (metadata is null) yield break;
        if (metadata.Task is ModelTask task) yield return ("task", EnumNames.Of(task));
        if (metadata.Dataset is { } dataset) yield return ("dataset", dataset);
        if (metadata.FeatureCount is int features) yield return ("featureCount", features.ToString(CultureInfo.InvariantCulture));
        if (metadata.FeatureNames is { } featureNames) yield return ("featureNames", JsonArray(featureNames));
        if (metadata.ClassCount is int classes) yield return ("classCount", classes.ToString(CultureInfo.InvariantCulture));
        if (metadata.ClassNames is { } classNames) yield return ("classNames", JsonArray(classNames));
    }

    private static string JsonArray(IReadOnlyList<string> items)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (string item in items) json.WriteStringValue(item);
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

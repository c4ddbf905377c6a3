using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Michigrad.Serialization.Json;

/// <summary>The source-generated serializer for model files: no reflection at run time.</summary>
[JsonSerializable(typeof(HeaderDto))]
[JsonSerializable(typeof(DocumentDto<OrderedDictionary<string, double>>), TypeInfoPropertyName = "WritableDocument")]
[JsonSerializable(typeof(DocumentDto<ParameterSpan>), TypeInfoPropertyName = "ReadableDocument")]
internal sealed partial class ModelJsonContext : JsonSerializerContext
{
    /// <summary>The context every model file is read and written with.</summary>
    public static ModelJsonContext Shared { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        NewLine = "\n",                                    // the same bytes on every OS
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // class names stay readable ("café", not "caf\u00E9"); never embedded in HTML
        AllowDuplicateProperties = false,                  // two values for one parameter is an error, not "last wins"
    });
}

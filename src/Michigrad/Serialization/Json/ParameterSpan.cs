using System.Text.Json;
using System.Text.Json.Serialization;

namespace Michigrad.Serialization.Json;

/// <summary>Where a model file's <c>"parameters"</c> object lies in its UTF-8 bytes: from its <c>{</c> up to just
/// after its <c>}</c>. The serializer checks the object's JSON syntax while skipping it.</summary>
[JsonConverter(typeof(ParameterSpanConverter))]
internal sealed record ParameterSpan(int Start, int End);

/// <summary>Reads a <see cref="ParameterSpan"/>: the positions are those of the whole document, as the document is
/// read from one span of bytes.</summary>
internal sealed class ParameterSpanConverter : JsonConverter<ParameterSpan>
{
    public override ParameterSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException();   // "the value is not an object of named numbers"
        int start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        return new ParameterSpan(start, checked((int)reader.BytesConsumed));
    }

    public override void Write(Utf8JsonWriter writer, ParameterSpan value, JsonSerializerOptions options) =>
        throw new NotSupportedException("A parameter span is only read.");
}

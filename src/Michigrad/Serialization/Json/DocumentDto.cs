using System.Text.Json.Serialization;

namespace Michigrad.Serialization.Json;

/// <summary>A whole model file.</summary>
/// <typeparam name="TNumber"><see cref="double"/> when writing; <see cref="System.Text.Json.JsonElement"/> when
/// reading, so that a value that is not a finite number is reported with its parameter's name.</typeparam>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class DocumentDto<TNumber>
{
    public string? Format { get; set; }

    public int? Version { get; set; }

    public ModuleDto? Model { get; set; }

    public MetadataDto? Metadata { get; set; }

    /// <summary>Every parameter by its <c>NamedParameters()</c> name, in the model's order.</summary>
    public OrderedDictionary<string, TNumber>? Parameters { get; set; }
}

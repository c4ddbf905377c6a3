using System.Text.Json.Serialization;

namespace Michigrad.Serialization.Json;

/// <summary>A whole model file.</summary>
/// <typeparam name="TParameters">The parameters: every value by its name when writing; when reading, only where they
/// lie in the file (<see cref="ParameterSpan"/>), read afterwards straight into the model that the architecture builds,
/// so that reading holds no copy of them.</typeparam>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class DocumentDto<TParameters>
    where TParameters : class
{
    public string? Format { get; set; }

    public int? Version { get; set; }

    public ModuleDto? Model { get; set; }

    public MetadataDto? Metadata { get; set; }

    /// <summary>Every parameter by its <c>NamedParameters()</c> name, in the model's order.</summary>
    public TParameters? Parameters { get; set; }
}

using System.Text.Json.Serialization;

namespace Michigrad.Serialization.Json;

/// <summary>One module of a model file's architecture: its type and the arguments that rebuild it.</summary>
/// <remarks>One flat shape for every type (the reader checks which fields each type takes), written in
/// declaration order so that <c>"type"</c> comes first; fields left null are not written.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class ModuleDto
{
    public string? Type { get; set; }

    public int? In { get; set; }

    public int? Out { get; set; }

    public int[]? Sizes { get; set; }

    public bool? Bias { get; set; }

    public string? Activation { get; set; }

    public string? HiddenActivation { get; set; }

    public int? Width { get; set; }

    public List<ModuleDto?>? Modules { get; set; }
}

using System.Text.Json.Serialization;

namespace Michigrad.Serialization.Json;

/// <summary>The <c>"metadata"</c> object of a model file (see <see cref="ModelMetadata"/>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class MetadataDto
{
    public string? Dataset { get; set; }

    public string? Task { get; set; }

    public int? FeatureCount { get; set; }

    public List<string?>? FeatureNames { get; set; }

    public int? ClassCount { get; set; }

    public List<string?>? ClassNames { get; set; }
}

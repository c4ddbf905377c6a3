namespace Michigrad.Serialization.Json;

/// <summary>The fields read before anything else, so that a foreign or newer file is named as such rather than
/// failing on a field this version does not know.</summary>
internal sealed class HeaderDto
{
    public string? Format { get; set; }

    public int? Version { get; set; }
}

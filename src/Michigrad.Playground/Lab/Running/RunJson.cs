using System.Text.Json.Serialization;

namespace Michigrad.Playground.Lab.Running;

/// <summary>How requests and replies cross between the page and the runner's worker: JSON, written by generated code
/// (nothing for the trimmer to lose), numbers exact (NaN and ±∞ included).</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunRequest))]
[JsonSerializable(typeof(RunReply))]
[JsonSerializable(typeof(Lessons.Checking.CheckReport))]
internal sealed partial class RunJson : JsonSerializerContext;

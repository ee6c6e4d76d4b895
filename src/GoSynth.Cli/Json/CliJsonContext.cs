using System.Text.Json.Serialization;

namespace GoSynth.Cli.Json;

/// <summary>
/// The JSON documents <c>gosynth</c> prints with <c>--json</c>, serialized by source-generated code (no reflection, so
/// the tool can be trimmed). Each document carries <c>schema</c>: its name and version; the schemas are in docs/cli.md.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(VersionDocument))]
[JsonSerializable(typeof(WhyDocument))]
[JsonSerializable(typeof(HistoryDocument))]
[JsonSerializable(typeof(SimulateDocument))]
[JsonSerializable(typeof(VerifyDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

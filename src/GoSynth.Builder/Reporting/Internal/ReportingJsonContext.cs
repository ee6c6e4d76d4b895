using System.Text.Json.Serialization;

namespace GoSynth.Builder.Reporting.Internal;

/// <summary>Source-generated JSON for the monitor file and summary.json.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never, UseStringEnumConverter = true)]
[JsonSerializable(typeof(MonitorSnapshot))]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class ReportingJsonContext : JsonSerializerContext;

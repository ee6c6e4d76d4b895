using System.Text.Json;
using System.Text.Json.Serialization;
using GoSynth.Web.Events;

namespace GoSynth.Web.Api;

/// <summary>The API's JSON: camelCase, absent values left out, unknown request fields refused.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(WebEvent))]
[JsonSerializable(typeof(RunSnapshot))]
[JsonSerializable(typeof(LiveStatus))]
[JsonSerializable(typeof(GapMarker))]
[JsonSerializable(typeof(RunListDto))]
[JsonSerializable(typeof(RunDetailDto))]
[JsonSerializable(typeof(StartBuildRequest))]
[JsonSerializable(typeof(StartedDto))]
[JsonSerializable(typeof(CancelDto))]
[JsonSerializable(typeof(WhyDto))]
[JsonSerializable(typeof(HistoryDto))]
[JsonSerializable(typeof(LogListDto))]
[JsonSerializable(typeof(ServerStatusDto))]
[JsonSerializable(typeof(HealthDto))]
internal sealed partial class WebJsonContext : JsonSerializerContext;

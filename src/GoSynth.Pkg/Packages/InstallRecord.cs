using System.Text.Json;
using System.Text.Json.Serialization;

namespace GoSynth.Pkg.Packages;

/// <summary>
/// What one install created below a root, so that <see cref="PackageInstaller.Uninstall"/> (a slot reset) can undo
/// it. Paths are package paths (<c>/usr/local/bin/x</c>), relative to <see cref="Root"/>. Serialize with
/// <see cref="ToJson"/> / <see cref="FromJson"/> to keep it next to the slot.
/// </summary>
public sealed record InstallRecord
{
    /// <summary>The package name.</summary>
    public required string Name { get; init; }

    /// <summary>The package version.</summary>
    public required string Version { get; init; }

    /// <summary>The root directory the package was installed into (absolute).</summary>
    public required string Root { get; init; }

    /// <summary>Files and symlinks created, in install order.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Directories created (those that already existed are not listed), parents before children.</summary>
    public IReadOnlyList<string> Directories { get; init; } = [];

    /// <summary>Files that existed and were replaced (only with <see cref="PackageInstallOptions.ReplaceExisting"/>).</summary>
    public IReadOnlyList<string> Replaced { get; init; } = [];

    /// <summary>Writes the record as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, InstallRecordJsonContext.Default.InstallRecord);

    /// <summary>Reads a record written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a record.</exception>
    public static InstallRecord FromJson(string json) =>
        JsonSerializer.Deserialize(json, InstallRecordJsonContext.Default.InstallRecord) ?? throw new JsonException("install record is null");
}

/// <summary>Source-generated JSON for <see cref="InstallRecord"/> (no reflection, so trimming and Native AOT keep it working).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InstallRecord))]
internal sealed partial class InstallRecordJsonContext : JsonSerializerContext;

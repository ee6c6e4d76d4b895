namespace GoSynth.Web.Events;

/// <summary>
/// One builder event as the API sends it (JSON, camelCase, absent fields left out). <see cref="Id"/> increases by one
/// for each event this server has seen, over all runs; it is the Server-Sent Events id.
/// </summary>
internal sealed record WebEvent(long Id, string Type, long RunId, DateTimeOffset Time)
{
    public string? Port { get; init; }

    public int? Slot { get; init; }

    public string? Phase { get; init; }

    public string? Version { get; init; }

    public string? Reason { get; init; }

    public string? Action { get; init; }

    public string? Culprit { get; init; }

    public bool? Succeeded { get; init; }

    public string? Message { get; init; }

    public double? DurationSeconds { get; init; }

    public string? Log { get; init; }

    public string? LogExcerpt { get; init; }

    public string? PackageFile { get; init; }

    public int? SkippedDependents { get; init; }

    public int? Limit { get; init; }

    public int? Previous { get; init; }

    public double? Load { get; init; }

    public double? SwapPercent { get; init; }

    public string? Profile { get; init; }

    public int? Builders { get; init; }

    public int? ToBuild { get; init; }

    public int? Total { get; init; }

    public bool? Aborted { get; init; }

    public int? Built { get; init; }

    public int? Failed { get; init; }

    public int? Skipped { get; init; }

    public double? ElapsedSeconds { get; init; }

    public double? ExpectedSeconds { get; init; }

    public int? Dependencies { get; init; }

    public int? Dependents { get; init; }

    public int? DependentDepth { get; init; }

    public long? DependencyBytes { get; init; }

    public int? InstalledPackages { get; init; }

    public int? ReusedPackages { get; init; }

    public IReadOnlyList<WebPhase>? Phases { get; init; }

    public int? LoadLimit { get; init; }

    public int? SwapLimit { get; init; }

    public long? MemoryUsedBytes { get; init; }

    public int? MemoryLimit { get; init; }

    public string? Directory { get; init; }

    public int? Packages { get; init; }

    public int? LeftOut { get; init; }

    public bool? CatalogWritten { get; init; }

    public IReadOnlyList<string>? Files { get; init; }
}

/// <summary>One phase of a finished port and its wall time.</summary>
internal sealed record WebPhase(string Phase, double DurationSeconds);

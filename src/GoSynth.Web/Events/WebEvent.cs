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
}

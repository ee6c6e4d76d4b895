namespace GoSynth.BuildDb;

/// <summary>
/// What opening (or refreshing) a database found and repaired. Nothing is ever dropped silently: every byte range
/// that held no valid record is listed here and logged.
/// </summary>
public sealed record BuildDbOpenReport
{
    /// <summary>Ranges of the file that held no valid record (torn tail, damage in the middle, damaged header).</summary>
    public IReadOnlyList<DamagedRange> Damage { get; init; } = [];

    /// <summary>Where the damaged file was copied before it was repaired, when it was damaged in the middle.</summary>
    public string? DamagedCopyPath { get; init; }

    /// <summary>Runs a writer found still running and marked aborted.</summary>
    public IReadOnlyList<long> AbortedRuns { get; init; } = [];

    /// <summary>Attempts a writer found still running and marked interrupted.</summary>
    public IReadOnlyList<long> InterruptedAttempts { get; init; } = [];

    /// <summary>The holder named by a stale writer lock that was taken over, if any.</summary>
    public string? StaleLockHolder { get; init; }

    /// <summary>Valid records read.</summary>
    public long Records { get; init; }

    /// <summary>True when a damaged tail was cut off.</summary>
    public bool TornTailCut => Damage.Any(d => d.Kind == DamageKind.TornTail);

    /// <summary>True when anything other than a torn tail was damaged (a loud event: records may be lost).</summary>
    public bool HasLoss => Damage.Any(d => d.Kind != DamageKind.TornTail);

    /// <summary>Bytes that held no valid record.</summary>
    public long DamagedBytes => Damage.Sum(d => d.Length);

    /// <summary>True when nothing was found damaged and nothing was repaired.</summary>
    public bool IsClean => Damage.Count == 0 && AbortedRuns.Count == 0 && InterruptedAttempts.Count == 0 && StaleLockHolder is null;
}

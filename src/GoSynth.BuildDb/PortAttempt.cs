namespace GoSynth.BuildDb;

/// <summary>One attempt at a port in a run, as stored.</summary>
/// <param name="Id">The attempt number, increasing from 1 in this database.</param>
/// <param name="RunId">The run the attempt belongs to.</param>
/// <param name="Node">The node, <c>category/port</c> or <c>category/port@flavor</c>.</param>
/// <param name="Version">The port version (PKGVERSION) attempted.</param>
/// <param name="Status">What happened.</param>
/// <param name="Start">When the attempt started.</param>
/// <param name="End">When it ended; null while running.</param>
public sealed record PortAttempt(
    long Id, long RunId, string Node, string Version, AttemptStatus Status, DateTimeOffset Start, DateTimeOffset? End)
{
    /// <summary>The package file name (PKGFILE), when one was produced or expected.</summary>
    public string? PackageFile { get; init; }

    /// <summary>Why the attempt ended so: the skip or ignore reason, the failure summary, the up-to-date reason.</summary>
    public string? Reason { get; init; }

    /// <summary>The last build phase entered (e.g. <c>build</c>, <c>stage</c>).</summary>
    public string? LastPhase { get; init; }

    /// <summary>The builder slot that ran the attempt, or -1 when no slot was used.</summary>
    public int Slot { get; init; } = -1;

    /// <summary>The port fingerprint (CRC32 of the port directory) the attempt saw, when known.</summary>
    public uint? Fingerprint { get; init; }

    /// <summary>A short excerpt of the build log around the failure.</summary>
    public string? FailureExcerpt { get; init; }

    /// <summary>How long the attempt took (null while running).</summary>
    public TimeSpan? Duration => End - Start;
}

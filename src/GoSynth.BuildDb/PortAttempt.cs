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

    /// <summary>
    /// The options the build had selected (SELECTED_OPTIONS), sorted and separated by single spaces; empty when
    /// none was selected, null when not recorded. Stored as given.
    /// </summary>
    public string? Options { get; init; }

    /// <summary>The fingerprint of the ports framework (<c>Mk/</c>) the build used, when recorded.</summary>
    public uint? FrameworkFingerprint { get; init; }

    /// <summary>
    /// The node's direct dependencies when it was built, as <c>node=version</c> entries sorted by node and separated
    /// by single spaces (<c>devel/gmake=4.4.1 lang/perl5@5.38=5.38.2</c>); empty for none, null when not recorded.
    /// Stored as given.
    /// </summary>
    public string? Dependencies { get; init; }

    /// <summary>How long the attempt took (null while running).</summary>
    public TimeSpan? Duration => End - Start;
}

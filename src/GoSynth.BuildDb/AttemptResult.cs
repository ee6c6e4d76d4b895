namespace GoSynth.BuildDb;

/// <summary>How an attempt ended, given to <see cref="BuildDatabase.FinishAttemptAsync"/>.</summary>
/// <param name="Status">The final status (anything but <see cref="AttemptStatus.Running"/>).</param>
public sealed record AttemptResult(AttemptStatus Status)
{
    /// <summary>The package file name (PKGFILE).</summary>
    public string? PackageFile { get; init; }

    /// <summary>Why the attempt ended so.</summary>
    public string? Reason { get; init; }

    /// <summary>The last build phase entered.</summary>
    public string? LastPhase { get; init; }

    /// <summary>The port fingerprint.</summary>
    public uint? Fingerprint { get; init; }

    /// <summary>A short excerpt of the build log around the failure (cut to <see cref="BuildDbOptions.MaxExcerptLength"/>).</summary>
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

    /// <summary>When the attempt ended; null means now.</summary>
    public DateTimeOffset? End { get; init; }
}

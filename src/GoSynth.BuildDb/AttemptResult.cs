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

    /// <summary>When the attempt ended; null means now.</summary>
    public DateTimeOffset? End { get; init; }
}

namespace GoSynth.Builder.Running;

/// <summary>How one node ended in a run.</summary>
/// <param name="Port">The node, <c>origin@flavor</c>.</param>
/// <param name="Version">Its version (empty when it could not be evaluated).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Reason">Why: the plan's reason, or for a failure the executor's message.</param>
public sealed record BuildRunPort(string Port, string Version, BuildRunPortStatus Status, string Reason)
{
    /// <summary>The slot that built it, or -1.</summary>
    public int Slot { get; init; } = -1;

    /// <summary>For a failure, the phase that failed; for a build, the last phase.</summary>
    public string? Phase { get; init; }

    /// <summary>The package file made (or found up to date).</summary>
    public string? PackageFile { get; init; }

    /// <summary>For a port skipped in the run, the dependency that failed.</summary>
    public string? Culprit { get; init; }

    /// <summary>The last lines of the log of a failed build.</summary>
    public string? LogExcerpt { get; init; }

    /// <summary>The port's log file, when one was written.</summary>
    public string? LogFile { get; init; }

    /// <summary>Wall time in the slot.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Dependency packages installed into the slot for this port.</summary>
    public int InstalledPackages { get; init; }

    /// <summary>Dependency packages the slot already held and did not install again.</summary>
    public int ReusedPackages { get; init; }

    /// <summary>Wall time of the dependency install.</summary>
    public TimeSpan InstallTime { get; init; }
}

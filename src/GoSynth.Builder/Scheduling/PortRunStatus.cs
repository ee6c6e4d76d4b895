namespace GoSynth.Builder.Scheduling;

/// <summary>How a scheduled port ended.</summary>
public enum PortRunStatus
{
    /// <summary>Built (or, for a meta port, complete).</summary>
    Succeeded,

    /// <summary>The build failed.</summary>
    Failed,

    /// <summary>Not built because a dependency failed.</summary>
    Skipped,
}

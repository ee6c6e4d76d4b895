namespace GoSynth.Builder.Running;

/// <summary>How one node of the plan ended in a run.</summary>
public enum BuildRunPortStatus
{
    /// <summary>Built: its package was made.</summary>
    Built,

    /// <summary>Its build failed.</summary>
    Failed,

    /// <summary>Not built because of a dependency: one that failed in this run, or (as planned) one ignored or unbuildable.</summary>
    Skipped,

    /// <summary>Its package was up to date.</summary>
    UpToDate,

    /// <summary>The port sets IGNORE.</summary>
    Ignored,

    /// <summary>A meta port: nothing to build (complete when its dependencies are).</summary>
    Meta,

    /// <summary>The port cannot be evaluated: not found, removed or corrupt.</summary>
    Unbuildable,

    /// <summary>It was building when the run was interrupted.</summary>
    Interrupted,

    /// <summary>It was queued but the run was interrupted before a slot took it.</summary>
    NotStarted,

    /// <summary>A fetch-only run fetched and verified its distfiles.</summary>
    Fetched,

    /// <summary>A fetch-only run had nothing to fetch for it: it has no distfiles, is a meta port, or cannot be evaluated.</summary>
    NothingToFetch,
}

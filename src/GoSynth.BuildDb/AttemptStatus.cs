namespace GoSynth.BuildDb;

/// <summary>What a port attempt did. The numeric values are stored in the file and never change.</summary>
public enum AttemptStatus
{
    /// <summary>The attempt has started and not finished.</summary>
    Running = 0,

    /// <summary>The port was built and packaged.</summary>
    Success = 1,

    /// <summary>The build failed.</summary>
    Failed = 2,

    /// <summary>Not built because a dependency failed or was ignored.</summary>
    Skipped = 3,

    /// <summary>Not built because the port is IGNOREd (or otherwise unbuildable) on this target.</summary>
    Ignored = 4,

    /// <summary>A meta port: nothing to build.</summary>
    Meta = 5,

    /// <summary>The existing package is up to date.</summary>
    UpToDate = 6,

    /// <summary>The attempt never finished: its process ended (crash, kill) before it recorded an outcome.</summary>
    Interrupted = 7,
}

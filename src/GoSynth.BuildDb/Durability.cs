namespace GoSynth.BuildDb;

/// <summary>How durable an append is when its call returns.</summary>
public enum Durability
{
    /// <summary>
    /// Every commit is flushed to stable storage (fsync) before its call returns. Calls that arrive while a flush is
    /// in progress share the next flush (group commit), so throughput does not collapse under concurrency.
    /// </summary>
    Always = 0,

    /// <summary>
    /// Every call still returns only after an fsync covering its record, but before flushing the writer keeps
    /// gathering appends for as long as they keep arriving, up to <see cref="BuildDbOptions.BatchWindow"/>, so a
    /// burst of appends from many builders shares one flush. A lone append is flushed at once.
    /// </summary>
    Batched = 1,

    /// <summary>
    /// Calls return once the record is handed to the operating system (it survives a crash of the process, not a
    /// power loss). Meant for tests and throw-away databases.
    /// </summary>
    None = 2,
}

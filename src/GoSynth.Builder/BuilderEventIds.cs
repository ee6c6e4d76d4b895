namespace GoSynth.Builder;

/// <summary>The event ids GoSynth.Builder logs with (5000–5049: the build run).</summary>
public static class BuilderEventIds
{
    /// <summary>A slot left behind by a killed run was found and torn down before the run.</summary>
    public const int StaleSlotCleaned = 3000;

    /// <summary>The build database repaired what a killed run left behind (runs closed as aborted, attempts as interrupted).</summary>
    public const int DatabaseRepaired = 3001;

    /// <summary>An event sink threw; the run went on without it for that event.</summary>
    public const int SinkFailed = 3002;

    /// <summary>The run was interrupted; it is closed as aborted.</summary>
    public const int RunAborted = 3003;

    /// <summary>The repository catalog could not be rebuilt at the end of the run.</summary>
    public const int RepositoryRebuildFailed = 3004;

    /// <summary>A run ended, with its counts.</summary>
    public const int RunFinished = 3005;

    /// <summary>A port's attempt could not be written to the build database.</summary>
    public const int AttemptNotRecorded = 3006;

    /// <summary>A run started, with what it builds.</summary>
    public const int RunStarted = 3007;
}

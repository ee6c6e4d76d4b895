namespace GoSynth.Builder.Running.Internal;

/// <summary>Log event ids of the run's modes, in the build run's range (3000–3049) after <see cref="BuilderEventIds"/>'s.</summary>
internal static class RunEventIds
{
    /// <summary>A fetch-only run started.</summary>
    public const int FetchOnlyStarted = 3040;

    /// <summary>A fetch-only run finished.</summary>
    public const int FetchOnlyFinished = 3041;
}

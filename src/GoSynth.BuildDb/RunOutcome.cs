namespace GoSynth.BuildDb;

/// <summary>The outcome of a build run.</summary>
public enum RunOutcome
{
    /// <summary>The run has started and not finished (or its process is still being repaired).</summary>
    Running = 0,

    /// <summary>The run finished normally.</summary>
    Completed = 1,

    /// <summary>
    /// The run was stopped (interrupted by a signal, cancelled) or its process died; a writer opening the database
    /// turns every run still <see cref="Running"/> into <see cref="Aborted"/>.
    /// </summary>
    Aborted = 2,
}

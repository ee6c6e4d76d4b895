namespace GoSynth.Environment.Processes;

/// <summary>How a run ended.</summary>
public enum ProcessOutcome
{
    /// <summary>The process exited by itself; see <see cref="ProcessResult.ExitCode"/>.</summary>
    Exited,

    /// <summary>The overall timeout was reached and the process tree was killed.</summary>
    TimedOut,

    /// <summary>The no-output watchdog fired and the process tree was killed.</summary>
    NoOutput,

    /// <summary>The process was ended by a signal it did not catch (not one we sent for a limit).</summary>
    Signaled,
}

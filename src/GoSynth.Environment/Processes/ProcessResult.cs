namespace GoSynth.Environment.Processes;

/// <summary>The result of a run. A non-zero exit code is a result, not an error.</summary>
/// <param name="Outcome">How the run ended.</param>
/// <param name="ExitCode">The exit code (128 + signal number when ended by a signal).</param>
/// <param name="Elapsed">Wall time from start to the reaping of the process.</param>
public sealed record ProcessResult(ProcessOutcome Outcome, int ExitCode, TimeSpan Elapsed)
{
    /// <summary>
    /// The slot resource limits the command ran into (set by build slots with cgroups; <see cref="ResourceLimits.None"/>
    /// otherwise). A failed command with a limit here failed because of that limit.
    /// </summary>
    public ResourceLimits LimitsReached { get; init; }

    /// <summary>True when the process exited by itself with code 0.</summary>
    public bool Succeeded => Outcome == ProcessOutcome.Exited && ExitCode == 0;
}

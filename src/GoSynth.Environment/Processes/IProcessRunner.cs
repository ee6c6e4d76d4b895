namespace GoSynth.Environment.Processes;

/// <summary>
/// Runs programs by argv with an explicit environment, stdin from /dev/null, output streamed to a sink, an overall
/// timeout, a no-output watchdog and cancellation. Timeout, watchdog and cancellation kill the whole process tree.
/// </summary>
public interface IProcessRunner
{
    /// <summary>Runs <paramref name="spec"/> to completion.</summary>
    /// <param name="spec">What to run.</param>
    /// <param name="output">Where output lines go; null discards them.</param>
    /// <param name="cancellationToken">Kills the process tree, then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The outcome; a non-zero exit code, a timeout or a watchdog kill are results.</returns>
    /// <exception cref="ProcessStartException">The program could not be started (not found, not executable, bad directory).</exception>
    Task<ProcessResult> RunAsync(ProcessSpec spec, IProcessOutputSink? output = null, CancellationToken cancellationToken = default);
}

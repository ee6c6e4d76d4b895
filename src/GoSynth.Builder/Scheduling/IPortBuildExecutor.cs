namespace GoSynth.Builder.Scheduling;

/// <summary>
/// Where a port is built: the local slot pool, or later a remote worker. The scheduler does not change when
/// executors do. An executor must be safe to call concurrently for different slots.
/// </summary>
public interface IPortBuildExecutor
{
    /// <summary>Builds one port in the given slot and reports the outcome (a failure is an outcome, not an exception).</summary>
    ValueTask<PortBuildOutcome> BuildAsync(PortBuildRequest request, CancellationToken cancellationToken = default);
}

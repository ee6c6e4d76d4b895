using GoSynth.Builder.Scheduling;

namespace GoSynth.Builder.Running;

/// <summary>
/// Creates the executor of one run (the local slot pool, later a remote one): <see cref="BuildRunner"/> calls it once
/// the run is locked and planned and there is something to build, and disposes the executor (when it is
/// <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>) when the run ends, also when it is interrupted: that
/// is where slots are torn down.
/// </summary>
public interface IPortBuildExecutorFactory
{
    /// <summary>Creates (and sets up) the executor for a run.</summary>
    /// <param name="context">The run: its id, its slots, where to publish events.</param>
    /// <param name="cancellationToken">Interrupts the setup.</param>
    ValueTask<IPortBuildExecutor> CreateAsync(PortBuildRunContext context, CancellationToken cancellationToken = default);
}

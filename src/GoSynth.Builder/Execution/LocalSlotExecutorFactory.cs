using GoSynth.Builder.Running;
using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Slots;
using Microsoft.Extensions.Logging;

namespace GoSynth.Builder.Execution;

/// <summary>
/// Makes the <see cref="LocalSlotExecutor"/> of each run: as many slots as the run's scheduler hands ports to, its
/// phase events published to the run, slots set up before the first port (stale ones cleaned first) and torn down
/// when the run disposes the executor.
/// </summary>
public sealed class LocalSlotExecutorFactory : IPortBuildExecutorFactory
{
    private readonly SlotEnvironment _slots;
    private readonly ILogger<LocalSlotExecutor>? _logger;
    private readonly LocalSlotExecutorOptions? _options;
    private readonly TimeProvider? _time;

    /// <summary>Creates the factory.</summary>
    /// <param name="slots">The slot environment the slots are created from.</param>
    /// <param name="logger">The executors' log; null for none.</param>
    /// <param name="options">Reuse, watchdog limits, make program; null for defaults. The slot count is the run's.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    public LocalSlotExecutorFactory(
        SlotEnvironment slots, ILogger<LocalSlotExecutor>? logger = null, LocalSlotExecutorOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(slots);
        _slots = slots;
        _logger = logger;
        _options = options;
        _time = timeProvider;
    }

    /// <inheritdoc/>
    public async ValueTask<IPortBuildExecutor> CreateAsync(PortBuildRunContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = _options?.Clone() ?? new LocalSlotExecutorOptions();
        options.SlotCount = context.Slots;
        options.Mode = context.Mode;
        var executor = new LocalSlotExecutor(context.Options, _slots, context.Events, _logger, options, _time);
        try
        {
            await executor.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await executor.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return executor;
    }
}

using GoSynth.Environment.Metrics;

namespace GoSynth.Builder.Scheduling;

/// <summary>
/// The throttle on a real host: reads load, swap and memory at most once per <see cref="RecheckInterval"/> (5 s, as
/// dsynth) and steps a <see cref="DynamicWorkerLimit"/>. A reading that fails keeps the last limit.
/// </summary>
public sealed class MetricsWorkerLimit : IWorkerLimit
{
    private readonly ISystemMetrics _metrics;
    private readonly DynamicWorkerLimit _limit;
    private readonly TimeProvider _time;
    private readonly long _start;
    private TimeSpan? _lastStep;

    /// <summary>Creates the throttle.</summary>
    public MetricsWorkerLimit(ISystemMetrics metrics, DynamicWorkerLimit limit, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(limit);
        _metrics = metrics;
        _limit = limit;
        _time = timeProvider ?? TimeProvider.System;
        _start = _time.GetTimestamp();
    }

    /// <inheritdoc />
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The stepped limit, with the caps load, swap and memory gave at the last reading.</summary>
    public DynamicWorkerLimit Throttle => _limit;

    /// <summary>The last reading that stepped the limit; null before the first one.</summary>
    public SystemMetricsSnapshot? LastReading { get; private set; }

    /// <inheritdoc />
    public async ValueTask<int> GetLimitAsync(int running, CancellationToken cancellationToken = default)
    {
        var now = _time.GetElapsedTime(_start);
        if (_lastStep is { } last && now - last < RecheckInterval)
        {
            return _limit.Current;
        }

        _lastStep = now;
        try
        {
            var reading = await _metrics.ReadAsync(cancellationToken).ConfigureAwait(false);
            LastReading = reading;
            return _limit.Step(reading, running, now);
        }
        catch (SystemMetricsException)
        {
            return _limit.Current;
        }
    }
}

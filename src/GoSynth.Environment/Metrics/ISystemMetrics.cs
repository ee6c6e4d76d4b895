namespace GoSynth.Environment.Metrics;

/// <summary>Reads the host's load, swap and memory.</summary>
public interface ISystemMetrics
{
    /// <summary>Takes a reading.</summary>
    /// <exception cref="SystemMetricsException">The metrics could not be read or understood.</exception>
    ValueTask<SystemMetricsSnapshot> ReadAsync(CancellationToken cancellationToken = default);
}

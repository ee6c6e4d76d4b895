namespace GoSynth.Environment.Metrics;

/// <summary>One reading of the host's load, swap and memory, as the scheduler's throttle uses them.</summary>
/// <param name="LoadAverage1">The 1-minute load average.</param>
/// <param name="SwapTotalBytes">Configured swap; 0 when the host has none.</param>
/// <param name="SwapUsedBytes">Swap in use.</param>
/// <param name="MemoryTotalBytes">Physical memory.</param>
/// <param name="MemoryAvailableBytes">Memory that can be given to new work without swapping (Linux MemAvailable; BSD free + inactive + cache pages).</param>
public sealed record SystemMetricsSnapshot(
    double LoadAverage1,
    long SwapTotalBytes,
    long SwapUsedBytes,
    long MemoryTotalBytes,
    long MemoryAvailableBytes)
{
    /// <summary>Swap use in percent (0–100); 0 when there is no swap.</summary>
    public double SwapUsedPercent => SwapTotalBytes <= 0 ? 0 : 100.0 * SwapUsedBytes / SwapTotalBytes;
}

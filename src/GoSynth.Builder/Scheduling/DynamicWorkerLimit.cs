using GoSynth.Environment.Metrics;

namespace GoSynth.Builder.Scheduling;

/// <summary>
/// dsynth's dynamic worker limit (reference: peers §3.3), as a pure calculation: each step takes a reading of load,
/// swap and memory and returns how many builders may run. The limit is the smallest of three caps — load
/// (full below 1.5 × CPUs, falling linearly to a quarter at 5 × CPUs), swap (full below 10 %, a quarter from 40 %),
/// memory (one fewer than running above the target, +1 per 30 s above half of it, full below) — never below 1,
/// and it grows by at most one per step, which is also the slow start. Not thread-safe.
/// </summary>
public sealed class DynamicWorkerLimit
{
    private static readonly TimeSpan MemoryGrowthInterval = TimeSpan.FromSeconds(30);
    private readonly int _max;
    private readonly int _cpus;
    private readonly double _memoryTargetFraction;
    private TimeSpan? _lastMemoryGrowth;
    private int _initialWorkers = 1;

    /// <summary>Creates the limit, starting at one builder (slow start).</summary>
    /// <param name="maxWorkers">The configured builders (dsynth's <c>MaxWorkers</c>).</param>
    /// <param name="cpus">The host's CPUs.</param>
    /// <param name="memoryTargetFraction">
    /// The share of physical memory in use above which builders are retired. dsynth compares an estimate of the
    /// running ports' installed dependencies with a third of the memory; GoSynth compares memory really in use
    /// (total minus available), so its target is a larger share. Default 0.85.
    /// </param>
    public DynamicWorkerLimit(int maxWorkers, int cpus, double memoryTargetFraction = 0.85)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWorkers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cpus, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryTargetFraction);
        _max = maxWorkers;
        _cpus = cpus;
        _memoryTargetFraction = memoryTargetFraction;
        Current = 1;
    }

    /// <summary>
    /// Where the limit starts (dsynth's <c>-s</c>): 1 by default, the slow start; 0 starts at the configured builders
    /// (no slow start); a larger number starts there, up to the configured builders. Set when the limit is created.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int InitialWorkers
    {
        get => _initialWorkers;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _initialWorkers = value;
            Current = value == 0 ? _max : Math.Min(value, _max);
        }
    }

    /// <summary>The limit after the last step.</summary>
    public int Current { get; private set; }

    /// <summary>The load cap of the last step.</summary>
    public int LoadCap { get; private set; }

    /// <summary>The swap cap of the last step.</summary>
    public int SwapCap { get; private set; }

    /// <summary>The memory cap of the last step.</summary>
    public int MemoryCap { get; private set; }

    /// <summary>Takes one step: a new limit from a reading, the running builders and the time of the reading.</summary>
    public int Step(SystemMetricsSnapshot reading, int running, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        LoadCap = LoadLimit(reading.LoadAverage1);
        SwapCap = SwapLimit(reading.SwapUsedPercent / 100);
        MemoryCap = MemoryLimit(reading, running, now);
        var wanted = Math.Min(LoadCap, Math.Min(SwapCap, MemoryCap));
        Current = Math.Clamp(wanted, 1, Math.Min(Current + 1, _max));
        return Current;
    }

    private int LoadLimit(double load)
    {
        var n = (double)_cpus;
        if (load < 1.5 * n)
        {
            return _max;
        }

        return load <= 5 * n ? Whole(_max - (0.75 * _max * (load - (1.5 * n)) / (3.5 * n))) : _max * 25 / 100;
    }

    private int SwapLimit(double used)
    {
        if (used < 0.10)
        {
            return _max;
        }

        return used <= 0.40 ? Whole(_max - (0.75 * _max * (used - 0.10) / 0.30)) : _max * 25 / 100;
    }

    /// <summary>Truncates as dsynth's integer arithmetic does, without losing a whole builder to rounding error.</summary>
    private static int Whole(double value) => (int)Math.Floor(value + 1e-9);

    private int MemoryLimit(SystemMetricsSnapshot reading, int running, TimeSpan now)
    {
        if (reading.MemoryTotalBytes <= 0)
        {
            return _max;
        }

        var used = (double)(reading.MemoryTotalBytes - reading.MemoryAvailableBytes);
        var target = _memoryTargetFraction * reading.MemoryTotalBytes;
        if (used > target)
        {
            return running - 1;
        }

        if (used <= target / 2)
        {
            return _max;
        }

        if (_lastMemoryGrowth is null || now - _lastMemoryGrowth >= MemoryGrowthInterval)
        {
            _lastMemoryGrowth = now;
            return running + 1;
        }

        return running;
    }
}

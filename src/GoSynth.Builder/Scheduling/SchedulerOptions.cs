namespace GoSynth.Builder.Scheduling;

/// <summary>How many ports build at once and how the next one is chosen.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The builders (slots), dsynth's <c>Number_of_builders</c>. Default 1.</summary>
    public int Builders { get; init; } = 1;

    /// <summary>Make jobs per builder (<c>Max_jobs_per_builder</c>), for the CPU budget. Default 1.</summary>
    public int MaxJobsPerBuilder { get; init; } = 1;

    /// <summary>The CPU budget: running builders × <see cref="MaxJobsPerBuilder"/> never exceeds it; 0 for none.</summary>
    public int MaxJobsTotal { get; init; }

    /// <summary>How the next port is chosen. Default <see cref="SchedulingPolicy.CriticalPath"/>.</summary>
    public SchedulingPolicy Policy { get; init; } = SchedulingPolicy.CriticalPath;

    /// <summary>The most builders that may ever run at once: the builders, within the CPU budget (at least 1).</summary>
    public int EffectiveBuilders => MaxJobsTotal <= 0 ? Builders : Math.Clamp(MaxJobsTotal / Math.Max(1, MaxJobsPerBuilder), 1, Builders);
}

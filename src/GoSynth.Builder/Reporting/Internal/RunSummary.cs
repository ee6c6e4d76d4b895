namespace GoSynth.Builder.Reporting.Internal;

/// <summary>summary.json: the run, its totals and one entry per port.</summary>
internal sealed record RunSummary(int FormatVersion, RunSummaryRun Run, RunSummaryTotals Totals, RunSummaryReuse DependencyReuse, IReadOnlyList<RunSummaryPort> Ports);

/// <summary>Dependency packages installed and kept in slots, in summary.json.</summary>
internal sealed record RunSummaryReuse(int Installed, int Reused, double InstallSeconds, double EstimatedSecondsSaved);

/// <summary>The run in summary.json.</summary>
internal sealed record RunSummaryRun(long Id, string Profile, DateTimeOffset? Started, DateTimeOffset? Finished, double ElapsedSeconds, bool Aborted, int Builders);

/// <summary>The totals in summary.json.</summary>
internal sealed record RunSummaryTotals(int Queued, int Built, int Failed, int Skipped, int Ignored, int Meta, int UpToDate, int Unbuildable, int NotBuilt);

/// <summary>One port in summary.json.</summary>
internal sealed record RunSummaryPort(
    string Port,
    string Status,
    string? Version,
    int? Slot,
    DateTimeOffset? Started,
    double? DurationSeconds,
    IReadOnlyList<RunSummaryPhase> Phases,
    string? FailedPhase,
    string? Reason,
    string? Message,
    string? LogExcerpt,
    string? Package,
    string? Log,
    int SkippedDependents,
    int InstalledPackages,
    int ReusedPackages);

/// <summary>One phase of a port in summary.json.</summary>
internal sealed record RunSummaryPhase(string Phase, double Seconds);

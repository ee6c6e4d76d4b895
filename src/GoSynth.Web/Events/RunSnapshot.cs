namespace GoSynth.Web.Events;

/// <summary>The state of the current (or last) run as the server knows it from the events: what a client starts from.</summary>
internal sealed record RunSnapshot(
    long LastEventId,
    long RunId,
    string Profile,
    bool Running,
    bool Aborted,
    DateTimeOffset? Started,
    DateTimeOffset? Finished,
    int Builders,
    IReadOnlyList<SlotView> Slots,
    IReadOnlyList<FinishedPort> Done,
    LiveStatus Status)
{
    /// <summary>The repository catalog rebuilt at the end of the run, once it was.</summary>
    public RepositoryView? Repository { get; init; }

    /// <summary>The repository's obsolete package files found at the end of the run (listed, not deleted), once they were looked for.</summary>
    public IReadOnlyList<string>? ObsoletePackages { get; init; }
}

/// <summary>The repository catalog as rebuilt at the end of a run.</summary>
internal sealed record RepositoryView(DateTimeOffset Time, string Directory, int Packages, int LeftOut, bool CatalogWritten);

/// <summary>Totals, rates and the ETA of a run; sent as the live stream's periodic <c>status</c> event.</summary>
internal sealed record LiveStatus(
    long RunId,
    bool Running,
    DateTimeOffset Now,
    double ElapsedSeconds,
    RunTotals Totals,
    double PortsPerHour,
    double? EtaSeconds,
    int? WorkerLimit,
    double? Load,
    double? SwapPercent);

/// <summary>Counts of a run's ports by state.</summary>
internal sealed record RunTotals(int ToBuild, int Total, int Waiting, int Building, int Built, int Failed, int Skipped, int Ignored, int UpToDate, int Meta, int Unbuildable);

/// <summary>A busy slot.</summary>
internal sealed record SlotView(int Slot, string Port, string Phase, DateTimeOffset PortStarted, DateTimeOffset PhaseStarted);

/// <summary>A port that ended in the run (built, failed, skipped, …).</summary>
internal sealed record FinishedPort(string Port, string Result, int? Slot, DateTimeOffset? Started, DateTimeOffset Ended, double? DurationSeconds, string? Log, string? Reason);

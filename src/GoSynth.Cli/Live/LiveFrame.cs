namespace GoSynth.Cli.Live;

/// <summary>
/// One picture of a run for the live view: what the header, the slot rows and the list of finished ports show.
/// Made by <see cref="MonitorFrames"/> from a monitor snapshot (the building process's own, or another process's
/// monitor file) and drawn by <see cref="LiveRenderer"/>.
/// </summary>
internal sealed record LiveFrame
{
    public long RunId { get; init; }

    public string Profile { get; init; } = "";

    /// <summary>False before the run started (still scanning and planning) and after it ended.</summary>
    public bool Running { get; init; }

    public bool Started { get; init; }

    public bool Aborted { get; init; }

    public TimeSpan Elapsed { get; init; }

    public double? Load { get; init; }

    public double? SwapPercent { get; init; }

    /// <summary>Ports finished (built or failed) per hour over the run (dsynth's Pkg/hour).</summary>
    public int Rate { get; init; }

    /// <summary>Ports finished per hour over the last ten minutes (dsynth's Impulse).</summary>
    public int Impulse { get; init; }

    public int Builders { get; init; }

    /// <summary>The builders the throttle allows now; null until it says.</summary>
    public int? WorkerLimit { get; init; }

    /// <summary>Ports queued to build in the run.</summary>
    public int Total { get; init; }

    public int Built { get; init; }

    public int Failed { get; init; }

    public int Skipped { get; init; }

    public int Ignored { get; init; }

    /// <summary>Queued ports not finished yet (waiting or building).</summary>
    public int Remaining { get; init; }

    /// <summary>The busy slots, by slot number.</summary>
    public IReadOnlyList<LiveSlot> Slots { get; init; } = [];

    /// <summary>Ports that ended, oldest first.</summary>
    public IReadOnlyList<LiveFinished> Finished { get; init; } = [];
}

/// <summary>A busy slot: the port it builds, its phase and how long it has been at the port.</summary>
internal sealed record LiveSlot(int Slot, string Port, string Phase, TimeSpan Elapsed);

/// <summary>A port that ended: <c>success</c>, <c>failure</c>, <c>skipped</c>, <c>ignored</c>…, and how long it took (null when it was not built).</summary>
internal sealed record LiveFinished(string Result, string Port, TimeSpan? Duration, string? Detail);

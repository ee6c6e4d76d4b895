namespace GoSynth.Builder.Events;

/// <summary>
/// Something that happened in a build run. Events are immutable and published in the order they happened for one
/// port; consumers (the CLI's live view, the monitor file, logs, a web dashboard, metrics) subscribe through
/// <see cref="IBuildEventSink"/>. Libraries publish events; they never write to the console.
/// </summary>
/// <param name="Time">When it happened.</param>
public abstract record BuildEvent(DateTimeOffset Time);

/// <summary>A run started.</summary>
/// <param name="Time">When.</param>
/// <param name="RunId">The run's id in the build database.</param>
/// <param name="Profile">The configuration profile.</param>
/// <param name="Builders">The configured number of builders (slots).</param>
/// <param name="ToBuild">How many ports the plan builds.</param>
/// <param name="Total">How many nodes the plan holds (every action).</param>
public sealed record RunStartedEvent(DateTimeOffset Time, long RunId, string Profile, int Builders, int ToBuild, int Total) : BuildEvent(Time);

/// <summary>A port was put in the queue to be built.</summary>
/// <param name="Time">When.</param>
/// <param name="Port">The node, <c>origin@flavor</c>.</param>
/// <param name="Version">The version it will build.</param>
/// <param name="Reason">Why it is built (the plan's reason).</param>
public sealed record PortQueuedEvent(DateTimeOffset Time, string Port, string Version, string Reason) : BuildEvent(Time)
{
    /// <summary>The package file the port will make (PKGFILE's last component), when known; hooks pass it as <c>PKGNAME</c>.</summary>
    public string? PackageFile { get; init; }
}

/// <summary>A port will not be built and was never queued (ignored, unbuildable, up to date, meta), as the plan decided.</summary>
/// <param name="Time">When.</param>
/// <param name="Port">The node.</param>
/// <param name="Action">The plan's action (e.g. <c>Ignored</c>).</param>
/// <param name="Reason">The plan's reason.</param>
public sealed record PortNotBuiltEvent(DateTimeOffset Time, string Port, Planning.PlanAction Action, string Reason) : BuildEvent(Time)
{
    /// <summary>How many queued ports will not be built because of this one (dsynth's count after the origin).</summary>
    public int SkippedDependents { get; init; }

    /// <summary>The package file the port would make, when known; hooks pass it as <c>PKGNAME</c>.</summary>
    public string? PackageFile { get; init; }
}

/// <summary>A slot took a port.</summary>
/// <param name="Time">When.</param>
/// <param name="Port">The node.</param>
/// <param name="Slot">The slot number, 0-based.</param>
public sealed record PortStartedEvent(DateTimeOffset Time, string Port, int Slot) : BuildEvent(Time)
{
    /// <summary>How many ports this one depends on, directly or not (dsynth's <c>idep</c>).</summary>
    public int Dependencies { get; init; }

    /// <summary>How many ports depend directly on this one (dsynth's <c>depi</c> count, one per dependent).</summary>
    public int Dependents { get; init; }

    /// <summary>The longest chain of ports that depend on this one (dsynth's <c>depi</c> depth).</summary>
    public int DependentDepth { get; init; }

    /// <summary>The estimated size of the dependency packages installed into the slot, in bytes (dsynth's <c>dep=</c>).</summary>
    public long DependencyBytes { get; init; }
}

/// <summary>A port entered a phase (<c>install-pkgs</c>, <c>fetch</c>, <c>build</c>, <c>package</c>, …).</summary>
/// <param name="Time">When.</param>
/// <param name="Port">The node.</param>
/// <param name="Slot">The slot number, 0-based.</param>
/// <param name="Phase">The phase name.</param>
public sealed record PortPhaseEvent(DateTimeOffset Time, string Port, int Slot, string Phase) : BuildEvent(Time);

/// <summary>A port's build ended (success or failure).</summary>
/// <param name="Time">When.</param>
/// <param name="Port">The node.</param>
/// <param name="Slot">The slot number, 0-based.</param>
/// <param name="Outcome">What the executor reported.</param>
public sealed record PortFinishedEvent(DateTimeOffset Time, string Port, int Slot, Scheduling.PortBuildOutcome Outcome) : BuildEvent(Time)
{
    /// <summary>When it failed: how many queued ports will now be skipped because of it (dsynth's count after the origin).</summary>
    public int SkippedDependents { get; init; }
}

/// <summary>A queued port will not be built because a dependency failed.</summary>
/// <param name="Time">When.</param>
/// <param name="Port">The node.</param>
/// <param name="Culprit">The failed dependency.</param>
/// <param name="Reason">Why, for a person.</param>
public sealed record PortSkippedEvent(DateTimeOffset Time, string Port, string Culprit, string Reason) : BuildEvent(Time)
{
    /// <summary>How many further queued ports are skipped because this one is (dsynth's count after the origin).</summary>
    public int SkippedDependents { get; init; }

    /// <summary>The package file the port would have made, when known; hooks pass it as <c>PKGNAME</c>.</summary>
    public string? PackageFile { get; init; }
}

/// <summary>The throttle changed the number of builders allowed to run.</summary>
/// <param name="Time">When.</param>
/// <param name="Limit">The worker limit now in force.</param>
/// <param name="Previous">The limit before.</param>
public sealed record ThrottleChangedEvent(DateTimeOffset Time, int Limit, int Previous) : BuildEvent(Time)
{
    /// <summary>The one-minute load average the limit was decided on; null when the throttle reads no metrics.</summary>
    public double? Load { get; init; }

    /// <summary>The most builders the load allowed (dsynth's number after <c>Load=</c>).</summary>
    public int? LoadLimit { get; init; }

    /// <summary>Swap in use, in percent (0–100), at the reading; null when the throttle reads no metrics.</summary>
    public double? SwapPercent { get; init; }

    /// <summary>The most builders the swap use allowed (dsynth's number after <c>Swap=</c>).</summary>
    public int? SwapLimit { get; init; }

    /// <summary>Memory in use at the reading, in bytes (dsynth's <c>Mem=</c>); null when the throttle reads no metrics.</summary>
    public long? MemoryUsedBytes { get; init; }

    /// <summary>The most builders the memory allowed (dsynth's number after <c>Mem=</c>).</summary>
    public int? MemoryLimit { get; init; }
}

/// <summary>A run ended.</summary>
/// <param name="Time">When.</param>
/// <param name="RunId">The run's id.</param>
/// <param name="Aborted">True when it was interrupted.</param>
/// <param name="Built">Ports built.</param>
/// <param name="Failed">Ports that failed.</param>
/// <param name="Skipped">Ports skipped because a dependency failed.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record RunFinishedEvent(DateTimeOffset Time, long RunId, bool Aborted, int Built, int Failed, int Skipped, TimeSpan Elapsed) : BuildEvent(Time);

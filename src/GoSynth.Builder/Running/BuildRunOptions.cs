using GoSynth.Builder.Events;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Builder.Running;

/// <summary>What one run builds and who watches it.</summary>
public sealed class BuildRunOptions
{
    /// <summary>
    /// The ports, as <c>category/port</c>, <c>category/port@flavor</c>, <c>category/port@all</c> or a path in the tree;
    /// empty, or the single word <c>everything</c>, builds the whole tree.
    /// </summary>
    public IReadOnlyList<string> Ports { get; init; } = [];

    /// <summary>Rebuild the named ports whatever their state (dsynth's <c>force</c>); what depends on them is rebuilt too.</summary>
    public bool Force { get; init; }

    /// <summary>Build only: do not rebuild the repository catalog at the end (dsynth's <c>just-build</c>).</summary>
    public bool JustBuild { get; init; }

    /// <summary>
    /// What the run does: build (the default), fetch the distfiles only (<see cref="BuildRunMode.FetchOnly"/>), or
    /// build the named ports in test mode (<see cref="BuildRunMode.Test"/>, which implies <see cref="Force"/> and
    /// <see cref="JustBuild"/>).
    /// </summary>
    public BuildRunMode Mode { get; init; }

    /// <summary>Sinks of this run only, after the ones registered in the container.</summary>
    public IReadOnlyList<IBuildEventSink> Sinks { get; init; } = [];

    /// <summary>
    /// Receives the scan's counts after every finished query, before the run starts (a progress bar's source:
    /// <see cref="ScanProgress.Found"/> + <see cref="ScanProgress.Failed"/> of those plus <see cref="ScanProgress.Pending"/>);
    /// null for none.
    /// </summary>
    public IProgress<ScanProgress>? ScanProgress { get; init; }

    /// <summary>The executor factory of this run; null uses the runner's.</summary>
    public IPortBuildExecutorFactory? ExecutorFactory { get; init; }
}

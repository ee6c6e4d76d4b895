namespace GoSynth.Builder.Reporting.Internal;

/// <summary>
/// A run's totals as <see cref="RunTracker"/> counts them: every report (dsynth's logs, the hooks, the monitor file,
/// summary.json, the metrics) shows these, each in its own words.
/// </summary>
/// <param name="Queued">Ports queued to be built (however they ended).</param>
/// <param name="Waiting">Queued ports not started.</param>
/// <param name="Building">Ports started and not ended (after an abort: interrupted).</param>
/// <param name="Built">Ports built.</param>
/// <param name="Failed">Ports that failed.</param>
/// <param name="Skipped">Ports skipped, by the plan or because a dependency did not build.</param>
/// <param name="Ignored">Ports their makefiles ignore.</param>
/// <param name="Meta">Meta ports (nothing to build).</param>
/// <param name="UpToDate">Ports whose package is up to date.</param>
/// <param name="Unbuildable">Ports that cannot be built (a dependency is missing or ignored).</param>
/// <param name="SkippedUnqueued">Of <paramref name="Skipped"/>, those never queued.</param>
internal readonly record struct RunTotals(
    int Queued, int Waiting, int Building, int Built, int Failed, int Skipped, int Ignored, int Meta, int UpToDate, int Unbuildable, int SkippedUnqueued)
{
    /// <summary>Queued ports that did not end: waiting or building.</summary>
    public int NotBuilt => Waiting + Building;

    /// <summary>dsynth's "skipped": skipped and unbuildable ports together.</summary>
    public int SkippedOrUnbuildable => Skipped + Unbuildable;

    /// <summary>dsynth's initial queue: every port the run looked at but those already up to date.</summary>
    public int InitialQueue => Queued + Ignored + Unbuildable + Meta + SkippedUnqueued;
}

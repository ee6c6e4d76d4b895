using System.Collections.Immutable;
using GoSynth.Builder.Events;
using GoSynth.Builder.Scheduling;

namespace GoSynth.Web.Events;

/// <summary>
/// Turns a builder event into its API form: every event type the Builder publishes has its own SSE event name and
/// carries its fields (file paths of logs reduced to their names under the logs endpoint).
/// </summary>
internal static class WebEventMapper
{
    public static WebEvent Map(long id, long runId, BuildEvent e) => e switch
    {
        RunStartedEvent s => new WebEvent(id, "runStarted", s.RunId, s.Time) { Profile = s.Profile, Builders = s.Builders, ToBuild = s.ToBuild, Total = s.Total },
        PortQueuedEvent q => new WebEvent(id, "portQueued", runId, q.Time) { Port = q.Port, Version = q.Version, Reason = q.Reason, PackageFile = q.PackageFile },
        PortNotBuiltEvent n => new WebEvent(id, "portNotBuilt", runId, n.Time)
        {
            Port = n.Port,
            Action = ActionName(n.Action),
            Reason = n.Reason,
            SkippedDependents = n.SkippedDependents,
            PackageFile = n.PackageFile,
        },
        PortStartedEvent s => new WebEvent(id, "portStarted", runId, s.Time)
        {
            Port = s.Port,
            Slot = s.Slot,
            Dependencies = s.Dependencies,
            Dependents = s.Dependents,
            DependentDepth = s.DependentDepth,
            DependencyBytes = s.DependencyBytes,
        },
        PortPhaseEvent p => new WebEvent(id, "portPhase", runId, p.Time) { Port = p.Port, Slot = p.Slot, Phase = p.Phase },
        PortFinishedEvent f => new WebEvent(id, "portFinished", runId, f.Time)
        {
            Port = f.Port,
            Slot = f.Slot,
            Succeeded = f.Outcome.Succeeded,
            Phase = f.Outcome.Succeeded ? null : f.Outcome.Phase,
            Message = f.Outcome.Message,
            DurationSeconds = f.Outcome.Duration.TotalSeconds,
            Log = f.Outcome.LogFile is null ? null : Path.GetFileName(f.Outcome.LogFile),
            LogExcerpt = f.Outcome.LogExcerpt,
            PackageFile = f.Outcome.PackageFile,
            SkippedDependents = f.SkippedDependents,
            InstalledPackages = f.Outcome.InstalledPackages,
            ReusedPackages = f.Outcome.ReusedPackages,
            Phases = Phases(f.Outcome.Phases),
        },
        PortSkippedEvent s => new WebEvent(id, "portSkipped", runId, s.Time)
        {
            Port = s.Port,
            Culprit = s.Culprit,
            Reason = s.Reason,
            SkippedDependents = s.SkippedDependents,
            PackageFile = s.PackageFile,
        },
        ThrottleChangedEvent t => new WebEvent(id, "throttle", runId, t.Time)
        {
            Limit = t.Limit,
            Previous = t.Previous,
            Load = t.Load,
            LoadLimit = t.LoadLimit,
            SwapPercent = t.SwapPercent,
            SwapLimit = t.SwapLimit,
            MemoryUsedBytes = t.MemoryUsedBytes,
            MemoryLimit = t.MemoryLimit,
        },
        RepositoryRebuiltEvent r => new WebEvent(id, "repositoryRebuilt", runId, r.Time)
        {
            Directory = r.Directory,
            Packages = r.Packages,
            LeftOut = r.LeftOut,
            CatalogWritten = r.CatalogWritten,
        },
        ObsoletePackagesEvent o => new WebEvent(id, "obsoletePackages", runId, o.Time)
        {
            Directory = o.Directory,
            Files = o.Files.IsDefault ? [] : o.Files,
        },
        RunFinishedEvent r => new WebEvent(id, "runFinished", r.RunId, r.Time)
        {
            Aborted = r.Aborted,
            Built = r.Built,
            Failed = r.Failed,
            Skipped = r.Skipped,
            ElapsedSeconds = r.Elapsed.TotalSeconds,
        },
        // Only for an event type added to the Builder after this mapping (a test fails until it is mapped here).
        _ => new WebEvent(id, "other", runId, e.Time) { Message = e.GetType().Name },
    };

    private static WebPhase[]? Phases(ImmutableArray<PhaseTiming> phases) =>
        phases.IsDefaultOrEmpty ? null : [.. phases.Select(p => new WebPhase(p.Phase, Math.Round(p.Duration.TotalSeconds, 3)))];

    public static string ActionName(Builder.Planning.PlanAction action) => action switch
    {
        Builder.Planning.PlanAction.Build => "build",
        Builder.Planning.PlanAction.UpToDate => "up-to-date",
        Builder.Planning.PlanAction.Ignored => "ignored",
        Builder.Planning.PlanAction.Skipped => "skipped",
        Builder.Planning.PlanAction.Meta => "meta",
        Builder.Planning.PlanAction.Unbuildable => "unbuildable",
        _ => action.ToString().ToLowerInvariant(),
    };
}

using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;

namespace GoSynth.Builder.Tests.Reporting;

/// <summary>A small run as the builder would publish it: one success, one failure that skips two ports, an ignored, a meta and an up-to-date port.</summary>
internal static class ReportingEvents
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    public static IReadOnlyList<BuildEvent> Run(string hostile = "") =>
    [
        new RunStartedEvent(T0, 7, "LiveSystem", 2, 4, 9),
        new PortNotBuiltEvent(At(0), "devel/uptodate", PlanAction.UpToDate, "up to date"),
        new PortNotBuiltEvent(At(0), "x11/broken", PlanAction.Ignored, "is marked as broken: needs X11" + hostile) { PackageFile = "broken-1.0.pkg" },
        new PortNotBuiltEvent(At(0), "misc/meta", PlanAction.Meta, "meta port"),
        new PortQueuedEvent(At(0), "devel/gmake", "4.4.1", "new port") { PackageFile = "gmake-4.4.1.pkg" },
        new PortQueuedEvent(At(0), "lang/python@py311", "3.11.9", "version 3.11.8 → 3.11.9") { PackageFile = "python311-3.11.9.pkg" },
        new PortQueuedEvent(At(0), "www/app", "2.0" + hostile, "depends on lang/python@py311, which is rebuilt") { PackageFile = "app-2.0.pkg" },
        new PortQueuedEvent(At(0), "www/app-plugin", "0.1", "new port") { PackageFile = "app-plugin-0.1.pkg" },
        new ThrottleChangedEvent(At(1), 2, 1),
        new PortStartedEvent(At(1), "devel/gmake", 0) { Dependents = 12, DependentDepth = 4 },
        new PortPhaseEvent(At(2), "devel/gmake", 0, "build"),
        new PortStartedEvent(At(2), "lang/python@py311", 1) { Dependencies = 3, Dependents = 2, DependentDepth = 1, DependencyBytes = 1_610_612_736 },
        new PortPhaseEvent(At(3), "lang/python@py311", 1, "install-pkgs"),
        new PortPhaseEvent(At(10), "lang/python@py311", 1, "build"),
        new PortFinishedEvent(At(66), "devel/gmake", 0, PortBuildOutcome.Success with
        {
            PackageFile = "gmake-4.4.1.pkg",
            LogFile = "/logs/devel___gmake.log",
            Duration = TimeSpan.FromSeconds(65),
            Phases = [new PhaseTiming("build", TimeSpan.FromSeconds(50)), new PhaseTiming("package", TimeSpan.FromSeconds(15))],
        }),
        new PortFinishedEvent(At(3725), "lang/python@py311", 1, new PortBuildOutcome(false, "build", "make: *** [all] Error 1" + hostile)
        {
            LogFile = "/logs/lang___python@py311.log" + hostile,
            LogExcerpt = "cc: error" + hostile,
            Duration = TimeSpan.FromSeconds(3723),
            Phases = [new PhaseTiming("install-pkgs", TimeSpan.FromSeconds(7)), new PhaseTiming("build", TimeSpan.FromSeconds(3716))],
        }) { SkippedDependents = 2 },
        new PortSkippedEvent(At(3725), "www/app", "lang/python@py311", "lang/python@py311 failed") { SkippedDependents = 1 },
        new PortSkippedEvent(At(3725), "www/app-plugin", "lang/python@py311", "lang/python@py311 failed"),
        new RunFinishedEvent(At(3726), 7, false, 1, 1, 2, TimeSpan.FromSeconds(3726)),
    ];

    public static void PublishAll(this IBuildEventSink sink, IEnumerable<BuildEvent> events)
    {
        foreach (var e in events)
        {
            sink.Publish(e);
        }
    }
}

using System.Collections.Concurrent;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Metrics;
using GoSynth.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace GoSynth.Builder.Tests.Scheduling;

/// <summary>The details the scheduler's events carry: skip counts, dependency counts and the throttle's readings.</summary>
public sealed class BuildSchedulerDetailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>lib ← app ← tool; bad ← client ← top, bad ← top2 (top2 also needs client), and a meta port over tool and top.</summary>
    private static SchedulingProblem Problem()
    {
        var graph = new GraphBuilder()
            .Port("devel/lib")
            .Port("misc/app", p => p.Build("devel/lib"))
            .Port("misc/tool", p => p.Run("misc/app"))
            .Port("broken/bad")
            .Port("misc/client", p => p.Lib("broken/bad"))
            .Port("misc/top", p => p.Run("misc/client"))
            .Port("misc/top2", p => p.Run("misc/client").Build("broken/bad"))
            .Port("misc/meta", p => p.Meta().Run("misc/tool").Run("misc/top"))
            .Build();
        var plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions { PortsDirectory = "/nonexistent/ports", RepositoryDirectory = "/nonexistent/packages" }, Ct);
        return SchedulingProblem.FromPlan(plan, _ => TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task RunAsync_PortFails_FailureAndEachSkipCountThePortsTheyTakeDown()
    {
        var sink = new ListSink();
        var scheduler = new BuildScheduler(new CountingExecutor(new HashSet<string> { "broken/bad" }), new SchedulerOptions { Builders = 2 }) { Events = sink };

        await scheduler.RunAsync(Problem(), Ct);

        var failure = sink.Events.OfType<PortFinishedEvent>().Single(e => e.Port == "broken/bad");
        Assert.Equal(4, failure.SkippedDependents); // client, top, top2 and the meta port over top
        var skipped = sink.Events.OfType<PortSkippedEvent>().ToDictionary(e => e.Port, e => e.SkippedDependents);
        Assert.Equal(new Dictionary<string, int> { ["misc/client"] = 3, ["misc/top"] = 1, ["misc/top2"] = 0, ["misc/meta"] = 0 }, skipped);
        Assert.All(sink.Events.OfType<PortFinishedEvent>().Where(e => e.Outcome.Succeeded), e => Assert.Equal(0, e.SkippedDependents));
        Assert.DoesNotContain(sink.Events.OfType<PortNotBuiltEvent>(), e => e.Port == "misc/meta");
    }

    [Fact]
    public async Task RunAsync_AllSucceed_StartCountsFromTheWholeGraphAndMetaCompletesAfterItsDependencies()
    {
        var sink = new ListSink();
        var scheduler = new BuildScheduler(new CountingExecutor(), new SchedulerOptions { Builders = 2 }) { Events = sink };

        await scheduler.RunAsync(Problem(), Ct);

        var events = sink.Events.ToList();
        var starts = events.OfType<PortStartedEvent>().ToDictionary(e => e.Port);
        // devel/lib: app and the meta port's tool above it (lib ← app ← tool ← meta).
        Assert.Equal((0, 1, 3), (starts["devel/lib"].Dependencies, starts["devel/lib"].Dependents, starts["devel/lib"].DependentDepth));
        // broken/bad: two direct dependents (client, top2); longest chain bad ← client ← top ← meta.
        Assert.Equal((0, 2, 3), (starts["broken/bad"].Dependencies, starts["broken/bad"].Dependents, starts["broken/bad"].DependentDepth));
        // misc/top2 needs client and bad (client's dependency counted once); nothing above it.
        Assert.Equal((2, 0, 0), (starts["misc/top2"].Dependencies, starts["misc/top2"].Dependents, starts["misc/top2"].DependentDepth));
        Assert.All(starts.Values, s => Assert.Equal(0, s.DependencyBytes)); // no repository given: no sizes

        var meta = Assert.Single(events.OfType<PortNotBuiltEvent>());
        Assert.Equal(("misc/meta", PlanAction.Meta), (meta.Port, meta.Action));
        Assert.True(events.FindIndex(e => e is PortFinishedEvent { Port: "misc/tool" }) < events.IndexOf(meta));
        Assert.True(events.FindIndex(e => e is PortFinishedEvent { Port: "misc/top" }) < events.IndexOf(meta));
    }

    [Fact]
    public async Task RunAsync_MetricsThrottle_ChangeCarriesTheReadingAndEachCap()
    {
        // 4 CPUs, 4 workers; load 12.5 gives 4 - 0.75*4*(12.5-6)/14 = 2.6 → 2; swap 25 % gives 4 - 3*(0.15/0.30) = 2.5 → 2.
        var reading = new SystemMetricsSnapshot(12.5, 1000, 250, 16L << 30, 12L << 30);
        var metrics = new Mock<ISystemMetrics>();
        metrics.Setup(m => m.ReadAsync(It.IsAny<CancellationToken>())).ReturnsAsync(reading);
        var limit = new MetricsWorkerLimit(metrics.Object, new DynamicWorkerLimit(4, 4), new FakeTimeProvider());
        var sink = new ListSink();
        var scheduler = new BuildScheduler(new CountingExecutor(), new SchedulerOptions { Builders = 4 }, limit) { Events = sink };

        await scheduler.RunAsync(Problem(), Ct);

        var change = Assert.Single(sink.Events.OfType<ThrottleChangedEvent>());
        Assert.Equal((4, 2), (change.Previous, change.Limit));
        Assert.Equal(12.5, change.Load);
        Assert.Equal(25.0, change.SwapPercent);
        Assert.Equal(4L << 30, change.MemoryUsedBytes);
        Assert.Equal((2, 2, 4), (change.LoadLimit, change.SwapLimit, change.MemoryLimit));
    }

    private sealed class ListSink : IBuildEventSink
    {
        private readonly ConcurrentQueue<BuildEvent> _events = new();

        public IReadOnlyCollection<BuildEvent> Events => _events;

        public void Publish(BuildEvent buildEvent) => _events.Enqueue(buildEvent);

        public ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}

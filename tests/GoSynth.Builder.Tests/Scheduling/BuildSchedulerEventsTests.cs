using System.Collections.Concurrent;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Scheduling;

/// <summary>The scheduler's events and its slot affinity.</summary>
public sealed class BuildSchedulerEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>pkg, lib ← app ← tool, and a failing port bad ← client ← top.</summary>
    private static SchedulingProblem Problem()
    {
        var graph = new GraphBuilder()
            .Port("devel/lib")
            .Port("misc/app", p => p.Build("devel/lib"))
            .Port("misc/tool", p => p.Run("misc/app"))
            .Port("broken/bad")
            .Port("misc/client", p => p.Lib("broken/bad"))
            .Port("misc/top", p => p.Run("misc/client"))
            .Build();
        var plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions { PortsDirectory = "/nonexistent/ports", RepositoryDirectory = "/nonexistent/packages" }, Ct);
        return SchedulingProblem.FromPlan(plan, _ => TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task RunAsync_WithSink_StartedFinishedAndSkippedNamingTheCulprit()
    {
        var sink = new ListSink();
        var executor = new CountingExecutor(new HashSet<string> { "broken/bad" });
        var scheduler = new BuildScheduler(executor, new SchedulerOptions { Builders = 2 }) { Events = sink };

        var results = await scheduler.RunAsync(Problem(), Ct);

        var events = sink.Events.ToList();
        var started = events.OfType<PortStartedEvent>().Select(e => e.Port).ToList();
        var finished = events.OfType<PortFinishedEvent>().ToList();
        Assert.Equal(["broken/bad", "devel/lib", "misc/app", "misc/tool", "ports-mgmt/pkg"], started.Order().ToList());
        Assert.Equal(started.Order(), finished.Select(e => e.Port).Order());
        foreach (var port in started)
        {
            Assert.True(
                events.FindIndex(e => e is PortStartedEvent s && s.Port == port) < events.FindIndex(e => e is PortFinishedEvent f && f.Port == port),
                $"{port} finished before it started");
        }

        Assert.False(finished.Single(f => f.Port == "broken/bad").Outcome.Succeeded);
        var skipped = events.OfType<PortSkippedEvent>().OrderBy(e => e.Port, StringComparer.Ordinal).ToList();
        Assert.Equal(["misc/client", "misc/top"], skipped.Select(s => s.Port));
        Assert.All(skipped, s => Assert.Equal("broken/bad", s.Culprit));
        Assert.All(skipped, s => Assert.Equal("dependency broken/bad failed in phase build", s.Reason));
        Assert.True(events.FindIndex(e => e is PortFinishedEvent { Port: "broken/bad" }) < events.FindIndex(e => e is PortSkippedEvent));
        Assert.Equal(PortRunStatus.Skipped, results.Single(r => r.Port == "misc/top").Status);
        Assert.Empty(events.OfType<ThrottleChangedEvent>());
    }

    [Fact]
    public async Task RunAsync_LimitChanges_PublishesThrottleChanges()
    {
        var sink = new ListSink();
        var limit = new SteppingLimit([1, 1, 2, 3, 3, 3, 3, 3, 3, 3]);
        var scheduler = new BuildScheduler(new CountingExecutor(), new SchedulerOptions { Builders = 3 }, limit) { Events = sink };

        await scheduler.RunAsync(Problem(), Ct);

        var changes = sink.Events.OfType<ThrottleChangedEvent>().Select(e => (e.Previous, e.Limit)).ToList();
        Assert.Equal((3, 1), changes[0]);
        Assert.Contains((1, 2), changes);
        Assert.Contains((2, 3), changes);
    }

    [Theory]
    [InlineData(false, "misc/x")]
    [InlineData(true, "misc/y")]
    public async Task RunAsync_SimilarPriorities_FreeSlotPrefersThePortWhoseDependenciesItHolds(bool withAffinity, string first)
    {
        // x and y are ready together after pkg with the same priority; x comes first by index. The slot holds y's
        // dependencies, so with affinity it takes y.
        var graph = new GraphBuilder().Port("misc/x").Port("misc/y").Build();
        var plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions { PortsDirectory = "/nonexistent/ports", RepositoryDirectory = "/nonexistent/packages" }, Ct);
        var problem = SchedulingProblem.FromPlan(plan, _ => TimeSpan.FromMinutes(10));
        var executor = new CountingExecutor();
        var affinity = new HoldsFor("misc/y");
        var scheduler = new BuildScheduler(executor, new SchedulerOptions { Builders = 1 }) { Affinity = withAffinity ? affinity : null };

        await scheduler.RunAsync(problem, Ct);

        var order = executor.Requests.Select(r => r.Node.Id.ToString()).ToList();
        Assert.Equal("ports-mgmt/pkg", order[0]);
        Assert.Equal(first, order[1]);
        Assert.Equal(withAffinity, affinity.Asked.Any(r => r.Node.Id.ToString() == "misc/y" && r.Slot == 0));
    }

    [Fact]
    public async Task RunAsync_PriorityFarApart_AffinityDoesNotOverrideIt()
    {
        // x's remaining path is twice y's: beyond the 5 % tolerance, so x goes first although the slot holds y's dependencies.
        var graph = new GraphBuilder().Port("misc/x").Port("misc/y").Build();
        var plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions { PortsDirectory = "/nonexistent/ports", RepositoryDirectory = "/nonexistent/packages" }, Ct);
        var problem = SchedulingProblem.FromPlan(plan, n => n.Id.Origin == "misc/x" ? TimeSpan.FromMinutes(20) : TimeSpan.FromMinutes(10));
        var executor = new CountingExecutor();
        var scheduler = new BuildScheduler(executor, new SchedulerOptions { Builders = 1 }) { Affinity = new HoldsFor("misc/y") };

        await scheduler.RunAsync(problem, Ct);

        Assert.Equal(["ports-mgmt/pkg", "misc/x", "misc/y"], executor.Requests.Select(r => r.Node.Id.ToString()));
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReturnsOnlyWhenNoBuildIsRunning()
    {
        var executor = new ControlledExecutor();
        var cancelAware = new CancelAwareExecutor(executor);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var scheduler = new BuildScheduler(cancelAware, new SchedulerOptions { Builders = 2 });

        var run = scheduler.RunAsync(Problem(), cts.Token);
        while (executor.StartedCount < 1)
        {
            await Task.Delay(5, Ct);
        }

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, cancelAware.Ended);
        Assert.Equal(1, executor.StartedCount);
    }

    private sealed class ListSink : IBuildEventSink
    {
        private readonly ConcurrentQueue<BuildEvent> _events = new();

        public IReadOnlyCollection<BuildEvent> Events => _events;

        public void Publish(BuildEvent buildEvent) => _events.Enqueue(buildEvent);
    }

    private sealed class SteppingLimit(int[] steps) : IWorkerLimit
    {
        private int _call;

        public TimeSpan RecheckInterval => TimeSpan.FromMilliseconds(5);

        public ValueTask<int> GetLimitAsync(int running, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(steps[Math.Min(_call++, steps.Length - 1)]);
    }

    private sealed class HoldsFor(string port) : ISlotAffinity
    {
        public List<PortBuildRequest> Asked { get; } = [];

        public int CountHeld(int slot, PortBuildRequest request)
        {
            Asked.Add(request);
            return request.Node.Id.ToString() == port ? 3 : 0;
        }
    }

    /// <summary>Ends a controlled build as cancelled when the token fires, as a real executor kills its slot.</summary>
    private sealed class CancelAwareExecutor(ControlledExecutor inner) : IPortBuildExecutor
    {
        private int _ended;

        public int Ended => Volatile.Read(ref _ended);

        public async ValueTask<PortBuildOutcome> BuildAsync(PortBuildRequest request, CancellationToken cancellationToken = default)
        {
            try
            {
                var build = inner.BuildAsync(request, cancellationToken).AsTask();
                await Task.WhenAny(build, Task.Delay(Timeout.Infinite, cancellationToken)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    await Task.Delay(100, CancellationToken.None).ConfigureAwait(false); // killing the slot's processes takes a while
                    throw new OperationCanceledException(cancellationToken);
                }

                return await build.ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Increment(ref _ended);
            }
        }
    }
}

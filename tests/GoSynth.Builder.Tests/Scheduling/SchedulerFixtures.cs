using System.Collections.Concurrent;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Scheduling;

/// <summary>Graphs, plans and executors for scheduler tests.</summary>
internal static class SchedulerFixtures
{
    /// <summary>A ports graph with the shape of <see cref="RandomDag"/> (plus ports-mgmt/pkg) and random expected durations.</summary>
    public static (SchedulingProblem Problem, BuildPlan Plan) RandomPlan(int seed, int count)
    {
        var random = new Random(seed);
        var builder = new GraphBuilder();
        var history = new BuildHistorySnapshot();
        for (var v = 0; v < count; v++)
        {
            var deps = v == 0 ? [] : Enumerable.Range(0, random.Next(4)).Select(_ => (int)(v * Math.Pow(random.NextDouble(), 2))).Distinct().Select(d => $"cat/p{d:D4}").ToArray();
            builder.Port($"cat/p{v:D4}", p => p.Build(deps));
            history.SetExpectedDuration(new PortId($"cat/p{v:D4}"), TimeSpan.FromSeconds(1 + random.Next(500)));
        }

        history.SetExpectedDuration(new PortId(PortGraph.BootstrapOrigin), TimeSpan.FromSeconds(100));
        var graph = builder.Build();
        var plan = BuildPlanner.Create(graph, new BuildHistorySnapshot(), new PlanOptions { PortsDirectory = "/nonexistent/ports", RepositoryDirectory = "/nonexistent/packages" });
        var estimator = new DurationEstimator(history);
        return (SchedulingProblem.FromPlan(plan, estimator.Estimate), plan);
    }
}

/// <summary>Builds every port at once (after a yield), failing the named ones, and measures concurrency.</summary>
internal sealed class CountingExecutor(IReadOnlySet<string>? failing = null) : IPortBuildExecutor
{
    private int _running;

    public int Peak { get; private set; }

    public ConcurrentQueue<PortBuildRequest> Requests { get; } = new();

    public async ValueTask<PortBuildOutcome> BuildAsync(PortBuildRequest request, CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _running);
        lock (Requests)
        {
            Peak = Math.Max(Peak, now);
        }

        Requests.Enqueue(request);
        await Task.Delay(1, cancellationToken);
        Interlocked.Decrement(ref _running);
        return failing?.Contains(request.Node.Id.ToString()) == true ? new PortBuildOutcome(false, "build", "exit 1") : PortBuildOutcome.Success;
    }
}

/// <summary>Ports finish only when the test says so.</summary>
internal sealed class ControlledExecutor : IPortBuildExecutor
{
    private readonly Dictionary<string, TaskCompletionSource<PortBuildOutcome>> _pending = [];

    public List<string> Started { get; } = [];

    public ValueTask<PortBuildOutcome> BuildAsync(PortBuildRequest request, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<PortBuildOutcome>();
        lock (_pending)
        {
            Started.Add(request.Node.Id.ToString());
            _pending[request.Node.Id.ToString()] = done;
        }

        return new ValueTask<PortBuildOutcome>(done.Task);
    }

    public int StartedCount
    {
        get
        {
            lock (_pending)
            {
                return Started.Count;
            }
        }
    }

    public void Finish(string port)
    {
        TaskCompletionSource<PortBuildOutcome> done;
        lock (_pending)
        {
            done = _pending[port];
        }

        done.SetResult(PortBuildOutcome.Success);
    }
}

/// <summary>A throttle that always allows the same number of builders.</summary>
internal sealed class FixedWorkerLimit(int limit) : IWorkerLimit
{
    public int Calls { get; private set; }

    public TimeSpan RecheckInterval => TimeSpan.FromMilliseconds(5);

    public ValueTask<int> GetLimitAsync(int running, CancellationToken cancellationToken = default)
    {
        Calls++;
        return ValueTask.FromResult(limit);
    }
}

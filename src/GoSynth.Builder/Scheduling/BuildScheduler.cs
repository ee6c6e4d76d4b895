using System.Collections.Immutable;
using System.Threading.Channels;
using GoSynth.Builder.Events;
using GoSynth.Builder.Events.Internal;
using GoSynth.Builder.Scheduling.Internal;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Scheduling;

/// <summary>
/// Runs a <see cref="SchedulingProblem"/> on an <see cref="IPortBuildExecutor"/>: an event-driven ready set (a port
/// is admitted the moment its last dependency succeeds and a slot is free), the policy's choice of the next port,
/// the throttle (<see cref="IWorkerLimit"/>) and the CPU budget applied to every admission, and a failure skipping
/// every dependent at once. The choices are made by the same code <see cref="Simulation.ScheduleSimulator"/> runs.
/// It publishes <see cref="PortStartedEvent"/>, <see cref="PortFinishedEvent"/>, <see cref="PortSkippedEvent"/> and
/// <see cref="ThrottleChangedEvent"/> to <see cref="Events"/>; with an executor that implements
/// <see cref="ISlotAffinity"/>, a free slot prefers, among ready ports of similar priority, the one whose dependencies
/// it holds.
/// </summary>
public sealed class BuildScheduler
{
    private readonly IPortBuildExecutor _executor;
    private readonly SchedulerOptions _options;
    private readonly IWorkerLimit? _limit;
    private readonly TimeProvider _time;

    /// <summary>Creates a scheduler.</summary>
    /// <param name="executor">Builds the ports.</param>
    /// <param name="options">Builders, budget and policy.</param>
    /// <param name="limit">The throttle; null for none (dsynth's disabled throttle).</param>
    /// <param name="timeProvider">The clock for throttle re-checks.</param>
    public BuildScheduler(IPortBuildExecutor executor, SchedulerOptions options, IWorkerLimit? limit = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Builders, 1);
        _executor = executor;
        _options = options;
        _limit = limit;
        _time = timeProvider ?? TimeProvider.System;
        Affinity = executor as ISlotAffinity;
    }

    /// <summary>Receives the scheduler's events; null for none.</summary>
    public IBuildEventSink? Events { get; init; }

    /// <summary>
    /// Tells which ready port a slot holds the dependencies of; by default the executor when it implements
    /// <see cref="ISlotAffinity"/>, else null (no preference). Used with <see cref="SchedulingPolicy.CriticalPath"/>.
    /// </summary>
    public ISlotAffinity? Affinity { get; init; }

    /// <summary>
    /// How close two priorities must be for slot affinity to choose between them: 0.05 means the lower one is at least
    /// 95 % of the best. Default 0.05.
    /// </summary>
    public double AffinityTolerance { get; init; } = 0.05;

    /// <summary>
    /// The graph facts the events carry (dependency counts, package sizes, meta reasons); when null and
    /// <see cref="Events"/> is set, they are worked out from the problem's graph without package sizes.
    /// </summary>
    internal PortEventDetails? Details { get; init; }

    /// <summary>The most builders that ran at the same time in the last run.</summary>
    public int PeakRunning { get; private set; }

    /// <summary>
    /// Builds every port of <paramref name="problem"/> and reports how each ended. When
    /// <paramref name="cancellationToken"/> is cancelled, no port is admitted any more, the builds running are left
    /// to end (the executor gets the same token), and then <see cref="OperationCanceledException"/> is thrown: when it
    /// is, no executor call is still running.
    /// </summary>
    /// <exception cref="ArgumentException">The problem was not made from a plan (it has no ports to hand out).</exception>
    public async Task<ImmutableArray<PortRunResult>> RunAsync(SchedulingProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var nodes = problem.Nodes ?? throw new ArgumentException("The problem has no ports to build; make it with SchedulingProblem.FromPlan.", nameof(problem));
        var graph = problem.Graph;
        var builders = _options.EffectiveBuilders;
        var requests = new PortBuildRequest?[graph.Count];
        PortBuildRequest RequestFor(int node, int slot) =>
            (requests[node] ??= new PortBuildRequest(nodes[node], nodes[node].Graph.GetInstallClosure(nodes[node]), slot)) with { Slot = slot };
        var ready = ReadySets.Create(_options.Policy, graph, problem.ExpectedSeconds, builders);
        if (Affinity is { } affinity && _options.Policy == SchedulingPolicy.CriticalPath)
        {
            ready = new AffinityReadySet(ready, graph.LongestPathToEnd(problem.ExpectedSeconds), (slot, node) => affinity.CountHeld(slot, RequestFor(node, slot)), AffinityTolerance);
        }

        // The details are worked out only for someone listening, once per run.
        var details = Events is null ? null : Details ?? (nodes.Length > 0 ? new PortEventDetails(nodes[0].Graph, null, null) : null);
        var state = new ScheduleState(graph, ready);
        var results = new PortRunResult?[graph.Count];
        var completions = Channel.CreateUnbounded<(int Node, int Slot, PortBuildOutcome Outcome)>(new UnboundedChannelOptions { SingleReader = true });
        var freeSlots = new PriorityQueue<int, int>();
        for (var s = 0; s < builders; s++)
        {
            freeSlots.Enqueue(s, s);
        }

        TakeInstant(state, nodes, results, details);
        PeakRunning = 0;
        var lastLimit = builders;
        try
        {
            while (!state.IsFinished)
            {
                var limit = builders;
                if (_limit is not null && state.ReadyCount > 0)
                {
                    limit = Math.Min(limit, Math.Max(1, await _limit.GetLimitAsync(state.Running, cancellationToken).ConfigureAwait(false)));
                    if (limit != lastLimit)
                    {
                        Publish(Throttled(new ThrottleChangedEvent(_time.GetUtcNow(), limit, lastLimit)));
                        lastLimit = limit;
                    }
                }

                while (state.Running < limit && freeSlots.TryPeek(out var slot, out _) && state.TryTake(slot, out var node))
                {
                    freeSlots.Dequeue();
                    PeakRunning = Math.Max(PeakRunning, state.Running);
                    var request = RequestFor(node, slot);
                    if (Events is not null)
                    {
                        var started = new PortStartedEvent(_time.GetUtcNow(), graph.Names[node], slot);
                        Publish(details is null ? started : details.Started(started, nodes[node], request.InstallClosure));
                    }

                    _ = BuildOneAsync(node, request, completions.Writer, cancellationToken);
                }

                if (state.Running == 0)
                {
                    throw new InvalidOperationException("The scheduler has ports left but none ready and none running; the problem's edges are inconsistent.");
                }

                await WaitAsync(completions.Reader, heldBack: state.ReadyCount > 0 && freeSlots.Count > 0, cancellationToken).ConfigureAwait(false);
                if (!completions.Reader.TryRead(out var done))
                {
                    continue;
                }

                freeSlots.Enqueue(done.Slot, done.Slot);
                if (done.Outcome.Succeeded)
                {
                    Publish(new PortFinishedEvent(_time.GetUtcNow(), graph.Names[done.Node], done.Slot, done.Outcome));
                    state.Succeed(done.Node);
                    results[done.Node] = new PortRunResult(graph.Names[done.Node], PortRunStatus.Succeeded, done.Slot, null, null);
                    TakeInstant(state, nodes, results, details);
                }
                else
                {
                    var reason = done.Outcome.Phase is null ? done.Outcome.Message : $"{done.Outcome.Phase}: {done.Outcome.Message}";
                    results[done.Node] = new PortRunResult(graph.Names[done.Node], PortRunStatus.Failed, done.Slot, reason, null);
                    var culprit = graph.Names[done.Node];
                    var skippedPorts = state.Fail(done.Node);
                    var below = Events is null ? null : SkippedBelow(graph, skippedPorts);
                    Publish(new PortFinishedEvent(_time.GetUtcNow(), culprit, done.Slot, done.Outcome) { SkippedDependents = skippedPorts.Count });
                    for (var i = 0; i < skippedPorts.Count; i++)
                    {
                        var skipped = skippedPorts[i];
                        var why = $"dependency {culprit} failed";
                        results[skipped] = new PortRunResult(graph.Names[skipped], PortRunStatus.Skipped, -1, why, culprit);
                        if (below is not null)
                        {
                            Publish(new PortSkippedEvent(_time.GetUtcNow(), graph.Names[skipped], culprit, done.Outcome.Phase is null ? why : $"{why} in phase {done.Outcome.Phase}")
                            {
                                SkippedDependents = below[i],
                                PackageFile = nodes[skipped].Metadata?.PackageFile,
                            });
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stop admitting; the executor sees the same token and ends its builds. Return only when none is left
            // running, so the caller may tear the slots down.
            while (state.Running > 0)
            {
                var done = await completions.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                state.Fail(done.Node);
                Publish(new PortFinishedEvent(_time.GetUtcNow(), graph.Names[done.Node], done.Slot, done.Outcome));
            }

            throw;
        }

        return [.. results.Select(r => r!)];
    }

    private void Publish(BuildEvent buildEvent) => Events?.Publish(buildEvent);

    /// <summary>Records the meta ports that completed (their dependencies all built) and tells the sinks, as they complete.</summary>
    private void TakeInstant(ScheduleState state, PortNode[] nodes, PortRunResult?[] results, PortEventDetails? details)
    {
        foreach (var node in state.InstantCompletions)
        {
            var name = nodes[node].Id.ToString();
            results[node] = new PortRunResult(name, PortRunStatus.Succeeded, -1, null, null);
            if (details is not null)
            {
                Publish(new PortNotBuiltEvent(_time.GetUtcNow(), name, Planning.PlanAction.Meta, details.MetaReason(nodes[node])));
            }
        }

        state.InstantCompletions.Clear();
    }

    /// <summary>
    /// For each port of <paramref name="skipped"/> (all skipped by one failure), how many others of them depend on it,
    /// directly or not: dsynth's count after a skipped origin.
    /// </summary>
    private static int[] SkippedBelow(SchedulingGraph graph, List<int> skipped)
    {
        var counts = new int[skipped.Count];
        if (skipped.Count < 2)
        {
            return counts;
        }

        var inSet = new Dictionary<int, int>(skipped.Count);
        for (var i = 0; i < skipped.Count; i++)
        {
            inSet[skipped[i]] = i;
        }

        var seen = new int[skipped.Count];
        var stack = new Stack<int>();
        for (var i = 0; i < skipped.Count; i++)
        {
            var stamp = i + 1;
            seen[i] = stamp;
            stack.Push(skipped[i]);
            while (stack.Count > 0)
            {
                foreach (var dependent in graph.Dependents(stack.Pop()))
                {
                    if (inSet.TryGetValue(dependent, out var j) && seen[j] != stamp)
                    {
                        seen[j] = stamp;
                        counts[i]++;
                        stack.Push(dependent);
                    }
                }
            }
        }

        return counts;
    }

    /// <summary>The throttle event with the readings the limit decided on, when the limit has them.</summary>
    private ThrottleChangedEvent Throttled(ThrottleChangedEvent changed) =>
        _limit is MetricsWorkerLimit { LastReading: { } reading } metrics
            ? changed with
            {
                Load = reading.LoadAverage1,
                LoadLimit = metrics.Throttle.LoadCap,
                SwapPercent = reading.SwapUsedPercent,
                SwapLimit = metrics.Throttle.SwapCap,
                MemoryUsedBytes = Math.Max(0, reading.MemoryTotalBytes - reading.MemoryAvailableBytes),
                MemoryLimit = metrics.Throttle.MemoryCap,
            }
            : changed;

    private async Task WaitAsync(ChannelReader<(int, int, PortBuildOutcome)> reader, bool heldBack, CancellationToken cancellationToken)
    {
        if (!heldBack || _limit is null)
        {
            await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completion = reader.WaitToReadAsync(stop.Token).AsTask();
        var recheck = Task.Delay(_limit.RecheckInterval, _time, stop.Token);
        await Task.WhenAny(completion, recheck).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task BuildOneAsync(int node, PortBuildRequest request, ChannelWriter<(int, int, PortBuildOutcome)> writer, CancellationToken cancellationToken)
    {
        var outcome = await SafeBuild.RunAsync(_executor, request, "cancelled", cancellationToken).ConfigureAwait(false);
        writer.TryWrite((node, request.Slot, outcome));
    }
}

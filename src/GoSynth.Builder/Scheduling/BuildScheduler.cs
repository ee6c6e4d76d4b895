using System.Collections.Immutable;
using System.Threading.Channels;
using GoSynth.Builder.Scheduling.Internal;

namespace GoSynth.Builder.Scheduling;

/// <summary>
/// Runs a <see cref="SchedulingProblem"/> on an <see cref="IPortBuildExecutor"/>: an event-driven ready set (a port
/// is admitted the moment its last dependency succeeds and a slot is free), the policy's choice of the next port,
/// the throttle (<see cref="IWorkerLimit"/>) and the CPU budget applied to every admission, and a failure skipping
/// every dependent at once. The choices are made by the same code <see cref="Simulation.ScheduleSimulator"/> runs.
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
    }

    /// <summary>The most builders that ran at the same time in the last run.</summary>
    public int PeakRunning { get; private set; }

    /// <summary>Builds every port of <paramref name="problem"/> and reports how each ended.</summary>
    /// <exception cref="ArgumentException">The problem was not made from a plan (it has no ports to hand out).</exception>
    public async Task<ImmutableArray<PortRunResult>> RunAsync(SchedulingProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var nodes = problem.Nodes ?? throw new ArgumentException("The problem has no ports to build; make it with SchedulingProblem.FromPlan.", nameof(problem));
        var graph = problem.Graph;
        var builders = _options.EffectiveBuilders;
        var state = new ScheduleState(graph, ReadySets.Create(_options.Policy, graph, problem.ExpectedSeconds, builders));
        var results = new PortRunResult?[graph.Count];
        var completions = Channel.CreateUnbounded<(int Node, int Slot, PortBuildOutcome Outcome)>(new UnboundedChannelOptions { SingleReader = true });
        var freeSlots = new PriorityQueue<int, int>();
        for (var s = 0; s < builders; s++)
        {
            freeSlots.Enqueue(s, s);
        }

        TakeInstant(state, graph, results);
        PeakRunning = 0;
        while (!state.IsFinished)
        {
            var limit = builders;
            if (_limit is not null && state.ReadyCount > 0)
            {
                limit = Math.Min(limit, Math.Max(1, await _limit.GetLimitAsync(state.Running, cancellationToken).ConfigureAwait(false)));
            }

            while (state.Running < limit && freeSlots.TryPeek(out var slot, out _) && state.TryTake(slot, out var node))
            {
                freeSlots.Dequeue();
                PeakRunning = Math.Max(PeakRunning, state.Running);
                var request = new PortBuildRequest(nodes[node], nodes[node].Graph.GetInstallClosure(nodes[node]), slot);
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
                state.Succeed(done.Node);
                results[done.Node] = new PortRunResult(graph.Names[done.Node], PortRunStatus.Succeeded, done.Slot, null, null);
                TakeInstant(state, graph, results);
            }
            else
            {
                var reason = done.Outcome.Phase is null ? done.Outcome.Message : $"{done.Outcome.Phase}: {done.Outcome.Message}";
                results[done.Node] = new PortRunResult(graph.Names[done.Node], PortRunStatus.Failed, done.Slot, reason, null);
                foreach (var skipped in state.Fail(done.Node))
                {
                    results[skipped] = new PortRunResult(
                        graph.Names[skipped], PortRunStatus.Skipped, -1, $"dependency {graph.Names[done.Node]} failed", graph.Names[done.Node]);
                }
            }
        }

        return [.. results.Select(r => r!)];
    }

    private static void TakeInstant(ScheduleState state, SchedulingGraph graph, PortRunResult?[] results)
    {
        foreach (var node in state.InstantCompletions)
        {
            results[node] = new PortRunResult(graph.Names[node], PortRunStatus.Succeeded, -1, null, null);
        }

        state.InstantCompletions.Clear();
    }

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
        PortBuildOutcome outcome;
        try
        {
            outcome = await _executor.BuildAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = new PortBuildOutcome(false, null, "cancelled");
        }
#pragma warning disable CA1031 // An executor's crash is the port's failure, not the run's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = new PortBuildOutcome(false, null, $"the executor failed: {e.Message}");
        }

        writer.TryWrite((node, request.Slot, outcome));
    }
}

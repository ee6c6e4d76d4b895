using System.Collections.Immutable;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Scheduling.Internal;

namespace GoSynth.Builder.Simulation;

/// <summary>
/// Runs the scheduler's own decision code (the ready set and its policy) against a virtual clock: each port takes
/// its given duration, nothing waits on real time. It gives an ETA for a plan and compares policies with the lower
/// bound max(critical path, total work ÷ builders).
/// </summary>
public static class ScheduleSimulator
{
    /// <summary>Simulates <paramref name="problem"/> with its expected durations as the truth: an ETA.</summary>
    public static SimulationResult Estimate(SchedulingProblem problem, int builders, SchedulingPolicy policy = SchedulingPolicy.CriticalPath)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Run(problem, [.. problem.ExpectedSeconds.Select(TimeSpan.FromSeconds)], builders, policy);
    }

    /// <summary>
    /// Simulates a run: priorities come from the problem's expected durations, time passes by <paramref name="actual"/>.
    /// </summary>
    /// <param name="problem">The ports and their expected durations.</param>
    /// <param name="actual">How long each port really takes.</param>
    /// <param name="builders">How many ports build at once.</param>
    /// <param name="policy">How the next port is chosen.</param>
    /// <param name="failing">Ports that fail when built (their dependents are skipped); null for none.</param>
    public static SimulationResult Run(
        SchedulingProblem problem, IReadOnlyList<TimeSpan> actual, int builders, SchedulingPolicy policy, IReadOnlySet<int>? failing = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentOutOfRangeException.ThrowIfLessThan(builders, 1);
        if (actual.Count != problem.Count)
        {
            throw new ArgumentException($"{actual.Count} durations for {problem.Count} ports.", nameof(actual));
        }

        var seconds = actual.Select((t, i) => problem.Graph.Instant[i] ? 0 : Math.Max(0, t.TotalSeconds)).ToArray();
        var trace = Simulate(problem, seconds, builders, policy, failing, recordTrace: false);
        var ran = trace.Starts.Where(v => !problem.Graph.Instant[v]).Sum(v => seconds[v]);
        var critical = problem.Count == 0 ? 0 : problem.Graph.LongestPathToEnd(seconds).Max();
        return new SimulationResult(
            TimeSpan.FromSeconds(trace.Makespan), TimeSpan.FromSeconds(critical), TimeSpan.FromSeconds(ran), builders,
            [.. trace.Starts], [.. trace.Failed], [.. trace.Skipped]);
    }

    /// <summary>
    /// A lower bound on the makespan of any schedule of <paramref name="problem"/> with the <paramref name="actual"/>
    /// durations on <paramref name="builders"/> builders, never below max(critical path, total work ÷ builders) and
    /// usually tighter: each port's earliest start also waits for its ancestors' total work ÷ builders, and the work
    /// that can only run between two such times must fit between them (see <c>ScheduleLowerBound</c> for the proof).
    /// It keeps every port's set of ancestors as a bit set: memory grows with the square of the port count (about
    /// 3 MB at 5,000 ports, 110 MB at 30,000), so it is for analysis, not for every simulation.
    /// </summary>
    public static TimeSpan LowerBound(SchedulingProblem problem, IReadOnlyList<TimeSpan> actual, int builders)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentOutOfRangeException.ThrowIfLessThan(builders, 1);
        if (actual.Count != problem.Count)
        {
            throw new ArgumentException($"{actual.Count} durations for {problem.Count} ports.", nameof(actual));
        }

        var seconds = actual.Select((t, i) => problem.Graph.Instant[i] ? 0 : Math.Max(0, t.TotalSeconds)).ToArray();
        return TimeSpan.FromSeconds(ScheduleLowerBound.Compute(problem.Graph, seconds, builders));
    }

    internal static SimulationTrace Simulate(
        SchedulingProblem problem, double[] seconds, int builders, SchedulingPolicy policy, IReadOnlySet<int>? failing, bool recordTrace)
    {
        var graph = problem.Graph;
        var state = new ScheduleState(graph, ReadySets.Create(policy, graph, problem.ExpectedSeconds, builders));
        var trace = new SimulationTrace(recordTrace, graph.Count);
        trace.Starts.AddRange(state.InstantCompletions);
        state.InstantCompletions.Clear();
        var freeSlots = new PriorityQueue<int, int>();
        for (var s = 0; s < builders; s++)
        {
            freeSlots.Enqueue(s, s);
        }

        var running = new PriorityQueue<(int Node, int Slot), (double, long)>();
        long sequence = 0;
        double now = 0;
        while (true)
        {
            while (freeSlots.TryPeek(out var slot, out _) && state.TryTake(slot, out var node))
            {
                freeSlots.Dequeue();
                trace.Starts.Add(node);
                trace.StartAt[node] = now;
                trace.Record($"start {graph.Names[node]}");
                running.Enqueue((node, slot), (now + seconds[node], sequence++));
            }

            if (!running.TryDequeue(out var done, out var when))
            {
                break;
            }

            now = when.Item1;
            trace.FinishAt[done.Node] = now;
            freeSlots.Enqueue(done.Slot, done.Slot);
            trace.Record($"finish {graph.Names[done.Node]}");
            if (failing?.Contains(done.Node) == true)
            {
                trace.Failed.Add(done.Node);
                trace.Skipped.AddRange(state.Fail(done.Node));
            }
            else
            {
                state.Succeed(done.Node);
                trace.Starts.AddRange(state.InstantCompletions);
                state.InstantCompletions.Clear();
            }
        }

        trace.Makespan = now;
        return trace;
    }
}

/// <summary>What a simulation did, in order.</summary>
internal sealed class SimulationTrace(bool recording, int count)
{
    public double[] StartAt { get; } = Enumerable.Repeat(-1.0, count).ToArray();

    public double[] FinishAt { get; } = Enumerable.Repeat(-1.0, count).ToArray();

    public List<int> Starts { get; } = [];

    public List<int> Failed { get; } = [];

    public List<int> Skipped { get; } = [];

    public List<string> Events { get; } = [];

    public double Makespan { get; set; }

    public void Record(string text)
    {
        if (recording)
        {
            Events.Add(text);
        }
    }
}

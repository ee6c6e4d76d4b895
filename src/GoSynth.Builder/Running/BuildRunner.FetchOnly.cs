using System.Collections.Immutable;
using GoSynth.Builder.Events;
using GoSynth.Builder.Running.Internal;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Scheduling.Internal;
using GoSynth.BuildDb;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Builder.Running;

public sealed partial class BuildRunner
{
    /// <summary>
    /// dsynth's <c>fetch-only</c>: every port of the closure that has distfiles gets a slot in which only its fetch and
    /// checksum phases run. No port waits for another (a fetch needs no package), nothing is throttled, no attempt is
    /// recorded in the build database (the run itself is, so history shows it), and no catalog is made.
    /// </summary>
    private async Task<BuildRunResult> FetchOnlyAsync(
        BuildRunOptions run, BuildDatabase database, PortGraph graph, PortScanResult scan, IReadOnlyList<string> stale, long started, BuildEventFanOut events,
        CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var fetch = graph.TopologicalOrder.Where(HasDistfiles).ToArray();
        var builders = Math.Max(1, options.EffectiveMaxBuilders);
        var factory = fetch.Length == 0 ? null : run.ExecutorFactory ?? _executors ?? throw new InvalidOperationException(
            "There are distfiles to fetch and no port build executor: register an IPortBuildExecutorFactory or pass one in BuildRunOptions.ExecutorFactory.");
        var dbRun = await database.StartRunAsync(options.Profile, cancellationToken).ConfigureAwait(false);
        RunLog.FetchOnlyStarted(_logger, dbRun.Id, fetch.Length, graph.Count, builders);
        var aborted = false;
        RecordingExecutor? tracker = null;
        BuildRunResult? result = null;
        try
        {
            events.Publish(new RunStartedEvent(_time.GetUtcNow(), dbRun.Id, options.Profile, builders, fetch.Length, graph.Count));
            foreach (var node in fetch)
            {
                events.Publish(new PortQueuedEvent(_time.GetUtcNow(), node.Id.ToString(), node.Metadata!.Version, DistfileReason(node.Metadata)));
            }

            if (factory is not null)
            {
                // One node per port, no edges: a fetch that fails holds up nothing.
                var problem = new SchedulingProblem(
                    new SchedulingGraph([.. fetch.Select(n => n.Id.ToString())], new bool[fetch.Length], []),
                    [.. fetch.Select(_ => 1.0)],
                    fetch);
                try
                {
                    var context = new PortBuildRunContext(dbRun.Id, builders, events, options) { Mode = BuildRunMode.FetchOnly };
                    var executor = await factory.CreateAsync(context, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        tracker = new RecordingExecutor(executor, null, dbRun.Id, null, new Dictionary<string, uint>(), _logger);
                        var scheduler = new BuildScheduler(tracker, Scheduling(options, builders), limit: null, _time) { Events = events };
                        await scheduler.RunAsync(problem, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        await DisposeAsync(executor).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    aborted = true;
                    RunLog.RunAborted(_logger, dbRun.Id, tracker?.Running.Count ?? 0);
                }
            }

            aborted |= cancellationToken.IsCancellationRequested;
            result = new BuildRunResult(dbRun.Id, aborted, _time.GetElapsedTime(started), FetchPorts(graph, tracker, aborted))
            {
                Mode = BuildRunMode.FetchOnly,
                StaleSlotsCleaned = [.. stale],
                Notes = [.. scan.Notes],
            };
            events.Publish(new RunFinishedEvent(_time.GetUtcNow(), dbRun.Id, aborted, result.Fetched, result.Failed, result.Skipped, result.Elapsed));
            RunLog.FetchOnlyFinished(_logger, dbRun.Id, result.Elapsed, result.Fetched, result.Failed, result.NothingToFetch);
            await events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return result;
        }
        finally
        {
            if (result is null)
            {
                events.Publish(new RunFinishedEvent(_time.GetUtcNow(), dbRun.Id, true, 0, 0, 0, _time.GetElapsedTime(started)));
                await events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await database.FinishRunAsync(dbRun.Id, result is { Aborted: false } ? RunOutcome.Completed : RunOutcome.Aborted, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A port whose own distfiles can be fetched: evaluated, not ignored, not a meta port, with ALLFILES.</summary>
    private static bool HasDistfiles(PortNode node) =>
        node.Metadata is { IsIgnored: false, IsMeta: false } metadata && node.State != PortNodeState.Meta && !metadata.AllFiles.IsDefaultOrEmpty;

    private static string DistfileReason(PortMetadata metadata) =>
        "distfiles: " + string.Join(' ', string.IsNullOrEmpty(metadata.DistSubdir) ? metadata.AllFiles : metadata.AllFiles.Select(f => metadata.DistSubdir + "/" + f));

    /// <summary>Every node in build order with how its fetch ended, or why there was nothing to fetch.</summary>
    private static ImmutableArray<BuildRunPort> FetchPorts(PortGraph graph, RecordingExecutor? tracker, bool aborted)
    {
        var ports = ImmutableArray.CreateBuilder<BuildRunPort>(graph.Count);
        foreach (var node in graph.TopologicalOrder)
        {
            var id = node.Id.ToString();
            var version = node.Metadata?.Version ?? "";
            if (!HasDistfiles(node))
            {
                var why = node.Metadata switch
                {
                    null => $"cannot be evaluated ({node.State}: {node.Error ?? node.Reason})",
                    { IsIgnored: true } m => "ignored: " + m.IgnoreReason,
                    { IsMeta: true } => "a meta port has no distfiles",
                    _ when node.State == PortNodeState.Meta => "a meta port has no distfiles",
                    _ => "no distfiles",
                };
                ports.Add(new BuildRunPort(id, version, BuildRunPortStatus.NothingToFetch, why));
                continue;
            }

            if (tracker is not null && tracker.Finished.TryGetValue(id, out var done))
            {
                var outcome = done.Outcome;
                var status = done.Status switch
                {
                    AttemptStatus.Success => BuildRunPortStatus.Fetched,
                    AttemptStatus.Interrupted => BuildRunPortStatus.Interrupted,
                    _ => BuildRunPortStatus.Failed,
                };
                ports.Add(new BuildRunPort(id, version, status, outcome.Succeeded ? DistfileReason(node.Metadata!) : outcome.Message ?? "failed")
                {
                    Slot = done.Slot,
                    Phase = outcome.Phase ?? (outcome.Phases.IsDefaultOrEmpty ? null : outcome.Phases[^1].Phase),
                    LogExcerpt = outcome.LogExcerpt,
                    LogFile = outcome.LogFile,
                    Duration = outcome.Duration,
                });
                continue;
            }

            ports.Add(new BuildRunPort(id, version, BuildRunPortStatus.NotStarted, aborted ? "the run was interrupted before its fetch started" : "not fetched"));
        }

        return ports.MoveToImmutable();
    }
}

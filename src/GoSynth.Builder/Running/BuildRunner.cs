using System.Collections.Concurrent;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;
using GoSynth.Builder.Events.Internal;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Running.Internal;
using GoSynth.Builder.Scheduling;
using GoSynth.BuildDb;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Running;

/// <summary>
/// Does one build run, start to end: takes the run lock (the build database's writer lock, so a second run on the
/// same configuration is refused with <see cref="BuildDbLockedException"/> naming the holder, before any slot or log
/// is touched), tears down slots a killed run left behind, scans the ports, plans them against the history and the
/// repository, publishes the plan as events, hands the ports to the scheduler and an executor, records every attempt
/// in the build database, rebuilds the repository catalog (unless just-build or test), lists obsolete packages, publishes
/// <see cref="RunFinishedEvent"/>, flushes every sink and closes the run.
/// </summary>
/// <remarks>
/// Cancelling the token interrupts the run: no port is admitted any more, the executor ends the builds running (it
/// gets the same token) and is disposed (its slots torn down), the run is closed as aborted, the sinks are flushed, and
/// the result says <see cref="BuildRunResult.Aborted"/>. Cancelled before the run is opened in the database (during
/// the scan or the plan), it throws <see cref="OperationCanceledException"/> instead.
/// </remarks>
public sealed partial class BuildRunner
{
    private readonly IOptions<BuilderOptions> _options;
    private readonly PortScanner _scanner;
    private readonly IBuildDatabaseFactory _databases;
    private readonly IPortBuildExecutorFactory? _executors;
    private readonly IReadOnlyList<IBuildEventSink> _sinks;
    private readonly IWorkerLimit? _limit;
    private readonly SlotEnvironment? _slots;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates a runner.</summary>
    /// <param name="options">The configuration (dsynth.ini).</param>
    /// <param name="scanner">Scans the ports tree.</param>
    /// <param name="databases">Opens the build database for writing (its lock is the run lock).</param>
    /// <param name="executors">Creates each run's executor; null when every run names its own (<see cref="BuildRunOptions.ExecutorFactory"/>).</param>
    /// <param name="sinks">Sinks that receive every run's events (the run's own sinks are added per run).</param>
    /// <param name="limit">The throttle; null for none.</param>
    /// <param name="slots">Finds and tears down slots a killed run left; null to skip that.</param>
    /// <param name="logger">Where the run logs; null for none.</param>
    /// <param name="timeProvider">The clock; null for the system clock.</param>
    public BuildRunner(
        IOptions<BuilderOptions> options,
        PortScanner scanner,
        IBuildDatabaseFactory databases,
        IPortBuildExecutorFactory? executors = null,
        IEnumerable<IBuildEventSink>? sinks = null,
        IWorkerLimit? limit = null,
        SlotEnvironment? slots = null,
        ILogger<BuildRunner>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scanner);
        ArgumentNullException.ThrowIfNull(databases);
        _options = options;
        _scanner = scanner;
        _databases = databases;
        _executors = executors;
        _sinks = sinks?.ToList() ?? [];
        _limit = limit;
        _slots = slots;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Does one run.</summary>
    /// <param name="run">What to build; null builds everything.</param>
    /// <param name="cancellationToken">Interrupts the run (see the remarks of <see cref="BuildRunner"/>).</param>
    /// <exception cref="BuildDbLockedException">Another run holds the lock; nothing was touched.</exception>
    /// <exception cref="PortSpecException">A port spec is malformed.</exception>
    /// <exception cref="InvalidOperationException">There is something to build and no executor factory; no run was opened.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the run was opened.</exception>
    /// <exception cref="SlotException">A slot left by an earlier run cannot be cleaned (still mounted); no run was opened.</exception>
    public async Task<BuildRunResult> RunAsync(BuildRunOptions? run = null, CancellationToken cancellationToken = default)
    {
        run ??= new BuildRunOptions();
        if (run.Mode == BuildRunMode.Test)
        {
            // dsynth's test: the named ports are rebuilt (their packages are not trusted), and no catalog is made.
            run = new BuildRunOptions { Ports = run.Ports, Force = true, JustBuild = true, Mode = run.Mode, Sinks = run.Sinks, ExecutorFactory = run.ExecutorFactory, ScanProgress = run.ScanProgress };
        }

        var options = _options.Value;
        var started = _time.GetTimestamp();
        var events = new BuildEventFanOut([.. _sinks, .. run.Sinks], _logger);

        var database = await _databases.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var closeDatabase = database.ConfigureAwait(false);
        if (database.OpenReport.AbortedRuns.Count > 0 || database.OpenReport.InterruptedAttempts.Count > 0)
        {
            RunLog.DatabaseRepaired(_logger, database.OpenReport.AbortedRuns.Count, database.OpenReport.InterruptedAttempts.Count);
        }

        var stale = await CleanStaleSlotsAsync(cancellationToken).ConfigureAwait(false);
        var request = Request(run.Ports);
        var scan = await _scanner.ScanToListAsync(request, run.ScanProgress, cancellationToken).ConfigureAwait(false);
        var graph = PortGraph.Build(scan);
        if (run.Mode == BuildRunMode.FetchOnly)
        {
            return await FetchOnlyAsync(run, database, graph, scan, stale, started, events, cancellationToken).ConfigureAwait(false);
        }

        var fingerprints = Fingerprint(graph, scan, cancellationToken);
        var history = new BuildDbHistory(database);
        var plan = BuildPlanner.Create(graph, history, new PlanOptions
        {
            PortsDirectory = _scanner.PortsDirectory,
            RepositoryDirectory = options.EffectiveRepositoryDirectory,
            Force = run.Force ? [.. graph.Requested.Select(n => n.Id)] : [],
            Fingerprints = fingerprints,
        }, cancellationToken);
        var problem = SchedulingProblem.FromPlan(plan, DurationEstimator.Create(graph, history).Estimate);
        var builders = Math.Max(1, options.EffectiveMaxBuilders);

        var toBuild = plan.CountOf(PlanAction.Build);
        var factory = toBuild == 0 ? null : run.ExecutorFactory ?? _executors ?? throw new InvalidOperationException(
            "There are ports to build and no port build executor: register an IPortBuildExecutorFactory or pass one in BuildRunOptions.ExecutorFactory.");
        var dbRun = await database.StartRunAsync(options.Profile, cancellationToken).ConfigureAwait(false);
        RunLog.RunStarted(_logger, dbRun.Id, toBuild, graph.Count, builders);
        var aborted = false;
        RecordingExecutor? recorder = null;
        IReadOnlyList<PortRunResult> scheduled = [];
        BuildRunResult? result = null;
        try
        {
            events.Publish(new RunStartedEvent(_time.GetUtcNow(), dbRun.Id, options.Profile, builders, toBuild, graph.Count));
            var details = events.Sinks.Count == 0 ? null : new PortEventDetails(graph, plan, options.EffectiveRepositoryDirectory);
            if (details is not null)
            {
                PublishPlan(events, plan, problem, details);
            }

            await RecordNotBuiltAsync(database, dbRun.Id, plan, fingerprints).ConfigureAwait(false);
            if (factory is not null)
            {
                try
                {
                    var executor = await factory.CreateAsync(new PortBuildRunContext(dbRun.Id, builders, events, options) { Mode = run.Mode }, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        recorder = new RecordingExecutor(executor, database, dbRun.Id, plan, fingerprints, _logger);
                        var scheduler = new BuildScheduler(recorder, Scheduling(options, builders), _limit, _time)
                        {
                            Events = events,
                            Details = details,
                            Affinity = executor as ISlotAffinity,
                        };
                        scheduled = await scheduler.RunAsync(problem, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        await DisposeAsync(executor).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    aborted = true;
                    RunLog.RunAborted(_logger, dbRun.Id, recorder?.Finished.Values.Count(f => f.Status == AttemptStatus.Interrupted) ?? 0);
                }
            }

            await RecordScheduledAsync(database, dbRun.Id, plan, problem, scheduled).ConfigureAwait(false);
            result = await FinishAsync(run, request, plan, scan, stale, dbRun.Id, aborted || cancellationToken.IsCancellationRequested, recorder, scheduled, started, events, cancellationToken)
                .ConfigureAwait(false);
            return result;
        }
        finally
        {
            if (result is null)
            {
                // Something unexpected ended the run: still tell the sinks and close it, as aborted.
                events.Publish(new RunFinishedEvent(_time.GetUtcNow(), dbRun.Id, true, 0, 0, 0, _time.GetElapsedTime(started)));
                await events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await database.FinishRunAsync(dbRun.Id, result is { Aborted: false } ? RunOutcome.Completed : RunOutcome.Aborted, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Tells the sinks what the plan decided for every node, in build order: queued, or not built and why. A meta port
    /// above ports being built is left to the scheduler, which completes it, or skips it, when its dependencies end.
    /// </summary>
    private void PublishPlan(BuildEventFanOut events, BuildPlan plan, SchedulingProblem problem, PortEventDetails details)
    {
        var scheduled = problem.Nodes is { } nodes ? nodes.Select(n => n.Index).ToHashSet() : [];
        foreach (var node in plan.Graph.TopologicalOrder)
        {
            var entry = plan[node];
            var id = entry.Id.ToString();
            switch (entry.Action)
            {
                case PlanAction.Build:
                    events.Publish(new PortQueuedEvent(_time.GetUtcNow(), id, node.Metadata?.Version ?? "", entry.Reason) { PackageFile = node.Metadata?.PackageFile });
                    break;
                case PlanAction.Meta when scheduled.Contains(node.Index):
                    break;
                default:
                    events.Publish(new PortNotBuiltEvent(_time.GetUtcNow(), id, entry.Action, entry.Reason)
                    {
                        PackageFile = node.Metadata?.PackageFile,
                        SkippedDependents = entry.Action is PlanAction.Ignored or PlanAction.Skipped or PlanAction.Unbuildable ? details.PlanSkippedDependents(node) : 0,
                    });
                    break;
            }
        }
    }

    private ScanRequest Request(IReadOnlyList<string> ports)
    {
        if (ports.Count == 0 || (ports.Count == 1 && ports[0] == "everything"))
        {
            return ScanRequest.Everything;
        }

        if (ports.Contains("everything"))
        {
            throw new ArgumentException("'everything' cannot be combined with port names.", nameof(ports));
        }

        return ScanRequest.For(ports.Select(_scanner.ParseSpec));
    }

    private async Task<IReadOnlyList<string>> CleanStaleSlotsAsync(CancellationToken cancellationToken)
    {
        if (_slots is null)
        {
            return [];
        }

        var cleaned = new List<string>();
        var teardowns = await _slots.CleanupStaleSlotsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var teardown in teardowns)
        {
            var state = teardown.Complete ? "removed" : $"{teardown.RemainingMounts.Count} mount(s) remain, directory {(teardown.DirectoryRemoved ? "removed" : "kept")}";
            RunLog.StaleSlotCleaned(_logger, teardown.Root, state);
            cleaned.Add(teardown.Root);
        }

        // A slot that cannot be cleaned fails the run here, naming it, never later as a confusing port failure.
        if (teardowns.FirstOrDefault(t => !t.Complete) is { } left)
        {
            throw new SlotException(
                $"slot {Path.GetFileName(left.Root)} ({left.Root}) is left over from an earlier run and cannot be cleaned: " +
                (left.RemainingMounts.Count > 0 ? $"still mounted: {string.Join(", ", left.RemainingMounts)}" : "its directory could not be removed") +
                "; free them (the log names who holds them) and run 'gosynth cleanup'");
        }

        return cleaned;
    }

    /// <summary>
    /// Each buildable port directory's fingerprint, computed once (the planner compares it, the attempt records it): the
    /// one the scan's metadata cache took (stat data checked, files read only when changed), else read from the port's files.
    /// </summary>
    private Dictionary<string, uint> Fingerprint(PortGraph graph, PortScanResult scan, CancellationToken cancellationToken)
    {
        var origins = graph.Nodes.Where(n => n.State == PortNodeState.Buildable).Select(n => n.Id.Origin).Distinct(StringComparer.Ordinal).ToList();
        var result = new ConcurrentDictionary<string, uint>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var origin in origins)
        {
            if (scan.PortFingerprints.TryGetValue(origin, out var known))
            {
                result[origin] = known;
            }
            else
            {
                missing.Add(origin);
            }
        }

        Parallel.ForEach(missing, new ParallelOptions { CancellationToken = cancellationToken }, origin =>
        {
            try
            {
                result[origin] = PortFingerprint.Compute(Path.Combine(_scanner.PortsDirectory, origin), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left out: the planner then says the directory could not be fingerprinted.
            }
        });
        return new Dictionary<string, uint>(result, StringComparer.Ordinal);
    }

    private static SchedulerOptions Scheduling(BuilderOptions options, int builders) => new()
    {
        Builders = builders,
        MaxJobsPerBuilder = options.MaxJobsPerBuilder,
        MaxJobsTotal = options.MaxJobsTotal,
        Policy = SchedulingPolicy.CriticalPath,
    };

    private static async ValueTask DisposeAsync(IPortBuildExecutor executor)
    {
        if (executor is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else if (executor is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}

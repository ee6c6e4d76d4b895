using System.Collections.Immutable;
using GoSynth.Builder.Events;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Running.Internal;
using GoSynth.Builder.Scheduling;
using GoSynth.BuildDb;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Builder.Running;

public sealed partial class BuildRunner
{
    private static readonly string[] PackageExtensions = [".pkg", ".txz", ".tzst", ".tgz", ".tbz", ".tar"];

    /// <summary>Records the nodes the plan does not build (up to date, ignored, skipped, meta, unbuildable) as one batch.</summary>
    private async Task RecordNotBuiltAsync(BuildDatabase database, long runId, BuildPlan plan, IReadOnlyDictionary<string, uint> fingerprints)
    {
        var records = new List<AttemptRecord>();
        var scheduledMeta = plan.Graph.Nodes.Where(n => plan[n].Action == PlanAction.Meta && plan.Graph.GetDirectDependencies(n).Any(d => plan[d].Action == PlanAction.Build)).ToHashSet();
        foreach (var node in plan.Graph.TopologicalOrder)
        {
            var entry = plan[node];
            AttemptStatus? status = entry.Action switch
            {
                PlanAction.UpToDate => AttemptStatus.UpToDate,
                PlanAction.Ignored => AttemptStatus.Ignored,
                PlanAction.Skipped or PlanAction.Unbuildable => AttemptStatus.Skipped,
                PlanAction.Meta when !scheduledMeta.Contains(node) => AttemptStatus.Meta,
                _ => null,
            };
            if (status is null)
            {
                continue;
            }

            records.Add(new AttemptRecord(entry.Id.ToString(), node.Metadata?.Version ?? "", status.Value)
            {
                Reason = DbText.Clip(entry.Reason),
                PackageFile = status == AttemptStatus.UpToDate ? node.Metadata?.PackageFile : null,
                Fingerprint = status == AttemptStatus.UpToDate && fingerprints.TryGetValue(node.Id.Origin, out var f) ? f : null,
            });
        }

        await RecordAsync(database, runId, records, "the ports not built").ConfigureAwait(false);
    }

    /// <summary>Records what the scheduler decided without a slot: ports skipped because a dependency failed, and meta ports completed.</summary>
    private async Task RecordScheduledAsync(BuildDatabase database, long runId, BuildPlan plan, SchedulingProblem problem, IReadOnlyList<PortRunResult> scheduled)
    {
        if (scheduled.Count == 0)
        {
            return;
        }

        var records = new List<AttemptRecord>();
        var nodes = problem.Nodes!;
        for (var i = 0; i < scheduled.Count; i++)
        {
            var r = scheduled[i];
            var node = nodes[i];
            if (r.Status == PortRunStatus.Skipped)
            {
                records.Add(new AttemptRecord(r.Port, node.Metadata?.Version ?? "", AttemptStatus.Skipped) { Reason = DbText.Clip(r.Reason) });
            }
            else if (r.Status == PortRunStatus.Succeeded && plan[node].Action == PlanAction.Meta)
            {
                records.Add(new AttemptRecord(r.Port, node.Metadata?.Version ?? "", AttemptStatus.Meta) { Reason = DbText.Clip(plan[node].Reason) });
            }
        }

        await RecordAsync(database, runId, records, "the ports skipped").ConfigureAwait(false);
    }

    private async Task RecordAsync(BuildDatabase database, long runId, List<AttemptRecord> records, string what)
    {
        if (records.Count == 0)
        {
            return;
        }

        try
        {
            await database.RecordAttemptsAsync(runId, records, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BuildDbException or ArgumentException)
        {
            RunLog.AttemptNotRecorded(_logger, e, what);
        }
    }

    private async Task<BuildRunResult> FinishAsync(
        BuildRunOptions run, ScanRequest request, BuildPlan plan, PortScanResult scan, IReadOnlyList<string> stale, long runId, bool aborted,
        RecordingExecutor? recorder, IReadOnlyList<PortRunResult> scheduled, long started, BuildEventFanOut events, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var ports = Ports(plan, recorder, scheduled, aborted);
        RepositoryRebuildResult? repository = null;
        string? repositoryError = null;
        if (!aborted && !run.JustBuild && Directory.Exists(options.EffectiveRepositoryDirectory))
        {
            try
            {
                repository = await RepositoryBuilder.RebuildAsync(options.PackagesDirectory, new RepositoryOptions { Logger = _logger, CompressionFrameSize = options.CatalogFrameSize }, cancellationToken).ConfigureAwait(false);
                events.Publish(new RepositoryRebuiltEvent(_time.GetUtcNow(), options.PackagesDirectory, repository.Entries.Count, repository.Failures.Count, repository.CatalogWritten));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                aborted = true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                repositoryError = e.Message;
                RunLog.RepositoryRebuildFailed(_logger, options.PackagesDirectory, e.Message);
            }
        }

        var obsolete = ImmutableArray<string>.Empty;
        if (request.IsEverything && !aborted)
        {
            obsolete = Obsolete(plan.Graph, options.EffectiveRepositoryDirectory);
            events.Publish(new ObsoletePackagesEvent(_time.GetUtcNow(), options.EffectiveRepositoryDirectory, obsolete));
        }

        var result = new BuildRunResult(runId, aborted, _time.GetElapsedTime(started), ports)
        {
            Mode = run.Mode,
            ObsoletePackages = obsolete,
            Repository = repository,
            RepositoryError = repositoryError,
            StaleSlotsCleaned = [.. stale],
            Notes = [.. scan.Notes],
        };
        events.Publish(new RunFinishedEvent(_time.GetUtcNow(), runId, aborted, result.Built, result.Failed, result.Skipped, result.Elapsed));
        RunLog.RunFinished(_logger, runId, result.Elapsed, result.Built, result.Failed, result.Skipped);
        await events.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return result;
    }

    /// <summary>Every node of the plan in build order, with how it ended.</summary>
    private static ImmutableArray<BuildRunPort> Ports(BuildPlan plan, RecordingExecutor? recorder, IReadOnlyList<PortRunResult> scheduled, bool aborted)
    {
        var byPort = scheduled.ToDictionary(r => r.Port, StringComparer.Ordinal);
        var ports = ImmutableArray.CreateBuilder<BuildRunPort>(plan.Graph.Count);
        foreach (var node in plan.Graph.TopologicalOrder)
        {
            var entry = plan[node];
            var id = entry.Id.ToString();
            var version = node.Metadata?.Version ?? "";
            if (recorder is not null && recorder.Finished.TryGetValue(id, out var built))
            {
                var outcome = built.Outcome;
                var status = built.Status switch
                {
                    AttemptStatus.Success => BuildRunPortStatus.Built,
                    AttemptStatus.Interrupted => BuildRunPortStatus.Interrupted,
                    _ => BuildRunPortStatus.Failed,
                };
                ports.Add(new BuildRunPort(id, version, status, outcome.Succeeded ? entry.Reason : outcome.Message ?? "failed")
                {
                    Slot = built.Slot,
                    Phase = outcome.Phase ?? (outcome.Phases.IsDefaultOrEmpty ? null : outcome.Phases[^1].Phase),
                    PackageFile = outcome.Succeeded ? outcome.PackageFile ?? node.Metadata?.PackageFile : null,
                    LogExcerpt = outcome.LogExcerpt,
                    LogFile = outcome.LogFile,
                    Duration = outcome.Duration,
                    InstalledPackages = outcome.InstalledPackages,
                    ReusedPackages = outcome.ReusedPackages,
                    InstallTime = DependencyReuse.InstallTimeOf(outcome),
                });
                continue;
            }

            if (byPort.TryGetValue(id, out var r) && r.Status == PortRunStatus.Skipped)
            {
                ports.Add(new BuildRunPort(id, version, BuildRunPortStatus.Skipped, r.Reason ?? "skipped") { Culprit = r.Culprit });
                continue;
            }

            var planned = entry.Action switch
            {
                PlanAction.UpToDate => BuildRunPortStatus.UpToDate,
                PlanAction.Ignored => BuildRunPortStatus.Ignored,
                PlanAction.Skipped => BuildRunPortStatus.Skipped,
                PlanAction.Meta => aborted && !byPort.ContainsKey(id) && MetaOverBuild(plan, node) ? BuildRunPortStatus.NotStarted : BuildRunPortStatus.Meta,
                PlanAction.Unbuildable => BuildRunPortStatus.Unbuildable,
                _ => BuildRunPortStatus.NotStarted,
            };
            ports.Add(new BuildRunPort(id, version, planned, entry.Reason)
            {
                PackageFile = planned == BuildRunPortStatus.UpToDate ? node.Metadata?.PackageFile : null,
            });
        }

        return ports.MoveToImmutable();
    }

    private static bool MetaOverBuild(BuildPlan plan, PortNode node) =>
        plan.Graph.GetDirectDependencies(node).Any(d => plan[d].Action == PlanAction.Build);

    /// <summary>Package files of the repository that no node of the (whole) graph makes now.</summary>
    private static ImmutableArray<string> Obsolete(PortGraph graph, string repository)
    {
        if (!Directory.Exists(repository))
        {
            return [];
        }

        var current = graph.Nodes.Where(n => n.Metadata is not null).Select(n => n.Metadata!.PackageFile).ToHashSet(StringComparer.Ordinal);
        return [.. Directory.EnumerateFiles(repository)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => PackageExtensions.Contains(Path.GetExtension(f), StringComparer.Ordinal) && !current.Contains(f))
            .Order(StringComparer.Ordinal)];
    }
}

using System.Collections.Concurrent;
using GoSynth.Builder.Planning;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Scheduling.Internal;
using GoSynth.BuildDb;
using Microsoft.Extensions.Logging;

namespace GoSynth.Builder.Running.Internal;

/// <summary>
/// Sits between the scheduler and the run's executor and writes each attempt to the build database: started when a
/// slot takes the port, finished with status, phase, reason, fingerprint, package file and the failure's excerpt. A
/// build ended by the run's interruption is recorded as interrupted. Database writes are not cancelled with the run, so
/// an interrupted attempt is still closed. Without a database (a fetch-only run, which builds nothing) it only
/// keeps each port's outcome.
/// </summary>
internal sealed class RecordingExecutor(
    IPortBuildExecutor inner, BuildDatabase? database, long runId, BuildPlan? plan, IReadOnlyDictionary<string, uint> fingerprints, ILogger logger)
    : IPortBuildExecutor
{
    public ConcurrentDictionary<string, (PortBuildOutcome Outcome, AttemptStatus Status, int Slot)> Finished { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> Running { get; } = new(StringComparer.Ordinal);

    public async ValueTask<PortBuildOutcome> BuildAsync(PortBuildRequest request, CancellationToken cancellationToken = default)
    {
        var node = request.Node;
        var port = node.Id.ToString();
        var metadata = node.Metadata!;
        Running[port] = request.Slot;
        PortAttempt? attempt = null;
        try
        {
            if (database is not null)
            {
                attempt = await database.StartAttemptAsync(runId, port, metadata.Version, request.Slot, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is BuildDbException or ArgumentException)
        {
            RunLog.AttemptNotRecorded(logger, e, port);
        }

        var outcome = await SafeBuild.RunAsync(inner, request, "interrupted", cancellationToken).ConfigureAwait(false);
        var status = outcome.Succeeded ? AttemptStatus.Success
            : cancellationToken.IsCancellationRequested ? AttemptStatus.Interrupted
            : AttemptStatus.Failed;
        if (attempt is not null && database is not null && plan is not null)
        {
            var result = new AttemptResult(status)
            {
                LastPhase = DbText.Clip(outcome.Phase ?? (outcome.Phases.IsDefaultOrEmpty ? null : outcome.Phases[^1].Phase)),
                Reason = DbText.Clip(outcome.Succeeded ? plan[node].Reason : outcome.Message),
                Fingerprint = fingerprints.TryGetValue(node.Id.Origin, out var fingerprint) ? fingerprint : null,
                PackageFile = DbText.Clip(outcome.Succeeded ? outcome.PackageFile ?? metadata.PackageFile : null),
                FailureExcerpt = outcome.Succeeded ? null : outcome.LogExcerpt,
            };
            if (outcome.Succeeded)
            {
                // What the next plan compares against: options, the framework and the dependency set.
                result = PlanFingerprints.For(plan, node).ApplyTo(result);
            }

            try
            {
                await database.FinishAttemptAsync(attempt.Id, result, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is BuildDbException or ArgumentException)
            {
                RunLog.AttemptNotRecorded(logger, e, port);
            }
        }

        Finished[port] = (outcome, status, request.Slot);
        Running.TryRemove(port, out _);
        return outcome;
    }
}

using Microsoft.Extensions.Logging;

namespace GoSynth.Builder.Running.Internal;

/// <summary>The build run's log messages.</summary>
internal static partial class RunLog
{
    [LoggerMessage(BuilderEventIds.StaleSlotCleaned, LogLevel.Warning, "Stale slot {Slot} from a killed run torn down: {Result}")]
    public static partial void StaleSlotCleaned(ILogger logger, string slot, string result);

    [LoggerMessage(BuilderEventIds.DatabaseRepaired, LogLevel.Warning, "The build database was repaired on open: {AbortedRuns} run(s) closed as aborted, {InterruptedAttempts} attempt(s) as interrupted")]
    public static partial void DatabaseRepaired(ILogger logger, int abortedRuns, int interruptedAttempts);

    [LoggerMessage(BuilderEventIds.SinkFailed, LogLevel.Error, "Event sink {Sink} failed on {Event}")]
    public static partial void SinkFailed(ILogger logger, Exception exception, string sink, string @event);

    [LoggerMessage(BuilderEventIds.RunAborted, LogLevel.Warning, "Run {RunId} interrupted: stopped admitting, {Running} port(s) were running; closed as aborted")]
    public static partial void RunAborted(ILogger logger, long runId, int running);

    [LoggerMessage(BuilderEventIds.RepositoryRebuildFailed, LogLevel.Error, "The repository catalog of {Directory} was not rebuilt: {Reason}")]
    public static partial void RepositoryRebuildFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(BuilderEventIds.RunFinished, LogLevel.Information, "Run {RunId} finished in {Elapsed}: {Built} built, {Failed} failed, {Skipped} skipped")]
    public static partial void RunFinished(ILogger logger, long runId, TimeSpan elapsed, int built, int failed, int skipped);

    [LoggerMessage(BuilderEventIds.AttemptNotRecorded, LogLevel.Error, "The attempt of {Port} could not be written to the build database")]
    public static partial void AttemptNotRecorded(ILogger logger, Exception exception, string port);

    [LoggerMessage(BuilderEventIds.RunStarted, LogLevel.Information, "Run {RunId} started: {ToBuild} of {Total} port(s) to build on {Builders} builder(s)")]
    public static partial void RunStarted(ILogger logger, long runId, int toBuild, int total, int builders);

    [LoggerMessage(RunEventIds.FetchOnlyStarted, LogLevel.Information, "Run {RunId} started (fetch-only): {ToFetch} of {Total} port(s) have distfiles to fetch on {Builders} builder(s)")]
    public static partial void FetchOnlyStarted(ILogger logger, long runId, int toFetch, int total, int builders);

    [LoggerMessage(RunEventIds.FetchOnlyFinished, LogLevel.Information, "Run {RunId} (fetch-only) finished in {Elapsed}: {Fetched} fetched, {Failed} failed, {NothingToFetch} with nothing to fetch")]
    public static partial void FetchOnlyFinished(ILogger logger, long runId, TimeSpan elapsed, int fetched, int failed, int nothingToFetch);
}

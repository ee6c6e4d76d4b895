using GoSynth.Builder.Events;
using GoSynth.BuildDb;
using GoSynth.Web.Events;

namespace GoSynth.Web.Api;

/// <summary>A run in the history.</summary>
internal sealed record RunDto(long Id, string Profile, DateTimeOffset Start, DateTimeOffset? End, string Outcome, double? ElapsedSeconds, AttemptCounts Counts, bool Live)
{
    public static RunDto From(BuildRun run, long? live) => new(
        run.Id,
        run.Profile,
        run.Start,
        run.End,
        run.Outcome.ToString().ToLowerInvariant(),
        run.Elapsed?.TotalSeconds,
        AttemptCounts.From(run.Counts),
        live == run.Id);
}

/// <summary>A run's attempts by status, as the build database counts them.</summary>
internal sealed record AttemptCounts(int Running, int Success, int Failed, int Skipped, int Ignored, int Meta, int UpToDate, int Interrupted, int Total)
{
    public static AttemptCounts From(StatusCounts c) => new(c.Running, c.Success, c.Failed, c.Skipped, c.Ignored, c.Meta, c.UpToDate, c.Interrupted, c.Total);
}

/// <summary>The runs, newest first.</summary>
internal sealed record RunListDto(IReadOnlyList<RunDto> Runs, long? Building);

/// <summary>One run: the history's record, the live totals while it goes on (or while the server keeps them), and its attempts when asked.</summary>
internal sealed record RunDetailDto(RunDto Run, LiveStatus? Live, IReadOnlyList<AttemptDto>? Ports);

/// <summary>One attempt at a port.</summary>
internal sealed record AttemptDto(
    long Id, long RunId, string Port, string Version, string Status, DateTimeOffset Start, DateTimeOffset? End, double? DurationSeconds,
    string? Reason, string? LastPhase, int? Slot, string? PackageFile, string? FailureExcerpt)
{
    public static AttemptDto From(PortAttempt a) => new(
        a.Id, a.RunId, a.Node, a.Version, a.Status.ToString().ToLowerInvariant(), a.Start, a.End, a.Duration?.TotalSeconds,
        a.Reason, a.LastPhase, a.Slot < 0 ? null : a.Slot, a.PackageFile, a.FailureExcerpt);
}

/// <summary>What <c>POST /api/v1/runs</c> takes: the ports (or none, or <c>everything</c>) and the CLI's build options.</summary>
internal sealed class StartBuildRequest
{
    public IReadOnlyList<string>? Ports { get; init; }

    public bool Force { get; init; }

    public bool JustBuild { get; init; }
}

/// <summary>A started build.</summary>
internal sealed record StartedDto(long RunId, string Run, string Events);

/// <summary>A cancelled build.</summary>
internal sealed record CancelDto(long RunId, string State);

/// <summary>Why a port is (not) built: its plan entry, then the dependency that decided, and so on.</summary>
internal sealed record WhyDto(string Port, IReadOnlyList<WhyStep> Chain);

/// <summary>One step of a reason chain.</summary>
internal sealed record WhyStep(string Port, string Action, string Kind, string Reason, string? Cause);

/// <summary>A port's attempts, newest first.</summary>
internal sealed record HistoryDto(string Port, double? ExpectedSeconds, IReadOnlyList<AttemptDto> Attempts);

/// <summary>The files of the logs directory.</summary>
internal sealed record LogListDto(IReadOnlyList<LogFileDto> Files);

/// <summary>One log file.</summary>
internal sealed record LogFileDto(string Name, long Bytes, DateTimeOffset Modified);

/// <summary>The server's state.</summary>
internal sealed record ServerStatusDto(string Version, bool Building, long? RunId, long LastEventId, int Streams, string Profile, LiveStatus? Run);

/// <summary>A health answer.</summary>
internal sealed record HealthDto(string Status, IReadOnlyList<string> Problems);

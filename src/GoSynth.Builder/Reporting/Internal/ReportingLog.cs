using Microsoft.Extensions.Logging;

namespace GoSynth.Builder.Reporting.Internal;

/// <summary>The reporting sinks' log messages; event ids 5050–5099.</summary>
internal static partial class ReportingLog
{
    public const int WriteFailedId = 3050;
    public const int MonitorWriteFailedId = 3051;
    public const int MetricsFailedId = 3052;
    public const int ReportWriteFailedId = 3053;
    public const int HookFailedId = 3054;
    public const int HookNotStartedId = 3055;
    public const int HookRanId = 3056;

    [LoggerMessage(EventId = WriteFailedId, Level = LogLevel.Error, Message = "Could not write the dsynth logs in {Directory}")]
    public static partial void LogWriteFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(EventId = MonitorWriteFailedId, Level = LogLevel.Warning, Message = "Could not write the monitor file {Path}")]
    public static partial void MonitorWriteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = MetricsFailedId, Level = LogLevel.Debug, Message = "Could not read the system metrics for the monitor file")]
    public static partial void MetricsFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = ReportWriteFailedId, Level = LogLevel.Error, Message = "Could not write the run report {Path}")]
    public static partial void ReportWriteFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = HookFailedId, Level = LogLevel.Warning, Message = "Hook {Hook} ({Path}) for {Port} failed: {What}")]
    public static partial void HookFailed(ILogger logger, string hook, string path, string port, string what);

    [LoggerMessage(EventId = HookNotStartedId, Level = LogLevel.Warning, Message = "Hook {Hook} ({Path}) could not be started")]
    public static partial void HookNotStarted(ILogger logger, string hook, string path, Exception exception);

    [LoggerMessage(EventId = HookRanId, Level = LogLevel.Debug, Message = "Hook {Hook} ({Path}) for {Port} ran in {Elapsed}")]
    public static partial void HookRan(ILogger logger, string hook, string path, string port, TimeSpan elapsed);
}

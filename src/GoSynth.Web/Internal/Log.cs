using Microsoft.Extensions.Logging;

namespace GoSynth.Web.Internal;

/// <summary>GoSynth.Web's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = WebEventIds.BuildStarted, Level = LogLevel.Information, Message = "Build run {RunId} started through the API ({Ports})")]
    public static partial void BuildStarted(ILogger logger, long runId, string ports);

    [LoggerMessage(EventId = WebEventIds.BuildNotStarted, Level = LogLevel.Warning, Message = "A build requested through the API did not start: {Reason}")]
    public static partial void BuildNotStarted(ILogger logger, string reason);

    [LoggerMessage(EventId = WebEventIds.BuildCancelled, Level = LogLevel.Information, Message = "Build run {RunId} cancelled through the API")]
    public static partial void BuildCancelled(ILogger logger, long runId);

    [LoggerMessage(EventId = WebEventIds.RequestRefused, Level = LogLevel.Information, Message = "Refused {Method} {Path} from {Client}: {Reason}")]
    public static partial void RequestRefused(ILogger logger, string method, string path, string client, string reason);

    [LoggerMessage(EventId = WebEventIds.PathRefused, Level = LogLevel.Warning, Message = "Refused log path {Requested} from {Client}: {Reason}")]
    public static partial void PathRefused(ILogger logger, string requested, string client, string reason);

    [LoggerMessage(EventId = WebEventIds.EndpointFailed, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void EndpointFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = WebEventIds.StreamOverrun, Level = LogLevel.Information, Message = "An event stream client fell {Pending} events behind and was closed; it resumes with Last-Event-ID")]
    public static partial void StreamOverrun(ILogger logger, int pending);

    [LoggerMessage(EventId = WebEventIds.BuildEnded, Level = LogLevel.Information, Message = "Build run {RunId} started through the API ended: {Outcome}")]
    public static partial void BuildEnded(ILogger logger, long runId, string outcome);
}

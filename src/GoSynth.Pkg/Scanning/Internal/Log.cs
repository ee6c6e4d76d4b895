using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>The scan's log messages (event ids in <see cref="PkgEventIds"/>).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = PkgEventIds.ScanStarted, Level = LogLevel.Information, Message = "Scanning {Roots} requested port(s) in {PortsDirectory} for {Profile} with {MakeProgram}, {Parallelism} at a time")]
    public static partial void ScanStarted(ILogger logger, int roots, string portsDirectory, string profile, string makeProgram, int parallelism);

    [LoggerMessage(EventId = PkgEventIds.ScanFinished, Level = LogLevel.Information, Message = "Scan finished: {Nodes} node(s), {Queried} make quer(ies), {Cached} from the cache, {Failed} not found or corrupt, in {ElapsedMs} ms")]
    public static partial void ScanFinished(ILogger logger, int nodes, int queried, int cached, int failed, long elapsedMs);

    [LoggerMessage(EventId = PkgEventIds.PortQueryFailed, Level = LogLevel.Information, Message = "{Port}: {Status}: {Error}")]
    public static partial void PortQueryFailed(ILogger logger, string port, string status, string error);

    [LoggerMessage(EventId = PkgEventIds.FrameworkVariablesComputed, Level = LogLevel.Debug, Message = "Computed {Count} cacheable framework variable(s) in {Port}")]
    public static partial void FrameworkVariablesComputed(ILogger logger, int count, string port);

    [LoggerMessage(EventId = PkgEventIds.FrameworkProbeFailed, Level = LogLevel.Warning, Message = "Could not compute the framework variables {Variables} in {Port}; every query computes its own. make said: {StandardError}")]
    public static partial void FrameworkProbeFailed(ILogger logger, string port, string variables, string standardError);

    [LoggerMessage(EventId = PkgEventIds.FrameworkProbeFallback, Level = LogLevel.Debug, Message = "Could not read the framework variables of {Port} from one make call ({Reason}); asking in two calls")]
    public static partial void FrameworkProbeFallback(ILogger logger, string port, string reason);

    [LoggerMessage(EventId = PkgEventIds.FrameworkProbeMissing, Level = LogLevel.Debug, Message = "No {Port} in {PortsDirectory}: the framework variables are not cached")]
    public static partial void FrameworkProbeMissing(ILogger logger, string port, string portsDirectory);

    [LoggerMessage(EventId = PkgEventIds.MetadataCacheIgnored, Level = LogLevel.Warning, Message = "Ignoring the metadata cache {Path}: {Reason}. It is rebuilt by this scan")]
    public static partial void MetadataCacheIgnored(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = PkgEventIds.MetadataCacheSaveFailed, Level = LogLevel.Warning, Message = "Could not write the metadata cache {Path}: {Reason}")]
    public static partial void MetadataCacheSaveFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = PkgEventIds.MetadataCacheLoaded, Level = LogLevel.Debug, Message = "Metadata cache {Path}: {Entries} entr(ies) loaded")]
    public static partial void MetadataCacheLoaded(ILogger logger, string path, int entries);

    [LoggerMessage(EventId = PkgEventIds.PortMoved, Level = LogLevel.Information, Message = "{Note}")]
    public static partial void PortMoved(ILogger logger, string note);

    [LoggerMessage(EventId = PkgEventIds.ScanNote, Level = LogLevel.Information, Message = "{Note}")]
    public static partial void ScanNote(ILogger logger, string note);

    [LoggerMessage(EventId = PkgEventIds.TargetViewUnavailable, Level = LogLevel.Warning, Message = "The metadata scan for {Profile} runs without the target's view of the file system ({Reason}): the framework's exists() and shell probes see this host's files, which may add or drop dependencies")]
    public static partial void TargetViewUnavailable(ILogger logger, string profile, string reason);

    [LoggerMessage(EventId = PkgEventIds.TargetViewStarted, Level = LogLevel.Debug, Message = "The metadata scan for {Profile} runs in the target's view ({BaseSystem}), held by process {Pid}")]
    public static partial void TargetViewStarted(ILogger logger, string profile, string baseSystem, int pid);

    [LoggerMessage(EventId = PkgEventIds.FrameworkProbePortLearned, Level = LogLevel.Debug, Message = "The framework variables are computed in {Port}, the tree's PKG_ORIGIN as {Starter} reads it")]
    public static partial void FrameworkProbePortLearned(ILogger logger, string port, string starter);

    [LoggerMessage(EventId = PkgEventIds.TargetViewJoinFailed, Level = LogLevel.Information, Message = "The metadata scan for {Profile} enters the target's view with nsenter for each query, which is slower ({Reason})")]
    public static partial void TargetViewJoinFailed(ILogger logger, string profile, string reason);
}

using Microsoft.Extensions.Logging;

namespace GoSynth.Environment.Internal;

/// <summary>GoSynth.Environment's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = EnvironmentEventIds.ProcessStarted, Level = LogLevel.Debug, Message = "Started process {Pid}: {CommandLine}")]
    public static partial void ProcessStarted(ILogger logger, int pid, string commandLine);

    [LoggerMessage(EventId = EnvironmentEventIds.ProcessEnded, Level = LogLevel.Debug, Message = "Process {Pid} ended: {Outcome} {ExitCode} after {ElapsedMs:F0} ms")]
    public static partial void ProcessEnded(ILogger logger, int pid, string outcome, int exitCode, double elapsedMs);

    [LoggerMessage(EventId = EnvironmentEventIds.KillingTree, Level = LogLevel.Information, Message = "Killing the process tree of {Pid}: {Reason}")]
    public static partial void KillingTree(ILogger logger, int pid, string reason);

    [LoggerMessage(EventId = EnvironmentEventIds.OutputAbandoned, Level = LogLevel.Warning, Message = "Output of process {Pid} is still held open by a process outside its group; stopped reading it")]
    public static partial void OutputAbandoned(ILogger logger, int pid);

    [LoggerMessage(EventId = EnvironmentEventIds.SlotSetUp, Level = LogLevel.Information, Message = "Slot {Slot} set up at {Root} ({MountCount} mounts)")]
    public static partial void SlotSetUp(ILogger logger, string slot, string root, int mountCount);

    [LoggerMessage(EventId = EnvironmentEventIds.SlotReset, Level = LogLevel.Debug, Message = "Slot {Slot} reset")]
    public static partial void SlotReset(ILogger logger, string slot);

    [LoggerMessage(EventId = EnvironmentEventIds.SlotTornDown, Level = LogLevel.Information, Message = "Slot {Slot} torn down")]
    public static partial void SlotTornDown(ILogger logger, string slot);

    [LoggerMessage(EventId = EnvironmentEventIds.SlotTeardownIncomplete, Level = LogLevel.Error, Message = "Slot {Slot} kept: still mounted under it: {Mounts}. Run 'gosynth cleanup' when they are free")]
    public static partial void SlotTeardownIncomplete(ILogger logger, string slot, string mounts);

    [LoggerMessage(EventId = EnvironmentEventIds.UnmountFailed, Level = LogLevel.Warning, Message = "Unmounting {MountPoint} failed (attempt {Attempt}): {Error}")]
    public static partial void UnmountFailed(ILogger logger, string mountPoint, int attempt, string error);

    [LoggerMessage(EventId = EnvironmentEventIds.MountDetached, Level = LogLevel.Warning, Message = "{MountPoint} stayed busy after {Attempts} unmount attempts and was detached lazily; held by: {Holders}")]
    public static partial void MountDetached(ILogger logger, string mountPoint, int attempts, string holders);

    [LoggerMessage(EventId = EnvironmentEventIds.SlotProcessesSurvived, Level = LogLevel.Warning, Message = "Slot {Slot}: processes still there after they were killed: {Pids}")]
    public static partial void SlotProcessesSurvived(ILogger logger, string slot, string pids);

    [LoggerMessage(EventId = EnvironmentEventIds.StaleSlotFound, Level = LogLevel.Warning, Message = "Stale slot {Root} from an earlier run found; cleaning it")]
    public static partial void StaleSlotFound(ILogger logger, string root);

    [LoggerMessage(EventId = EnvironmentEventIds.CgroupsUnavailable, Level = LogLevel.Warning, Message = "Slots run without process, memory and CPU limits: {Reason}")]
    public static partial void CgroupsUnavailable(ILogger logger, string reason);

    [LoggerMessage(EventId = EnvironmentEventIds.SlotLimitReached, Level = LogLevel.Warning, Message = "Slot {Slot}: the command ran into the slot's {Limits} limit")]
    public static partial void SlotLimitReached(ILogger logger, string slot, string limits);

    [LoggerMessage(EventId = EnvironmentEventIds.MetricsUnavailable, Level = LogLevel.Debug, Message = "System metric {Metric} unavailable: {Error}")]
    public static partial void MetricsUnavailable(ILogger logger, string metric, string error);
}

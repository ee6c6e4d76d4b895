using Microsoft.Extensions.Logging;

namespace GoSynth.Builder.Execution.Internal;

/// <summary>The local slot executor's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = ExecutionEventIds.SlotsReady, Level = LogLevel.Information, Message = "{Count} build slots set up under {BuildBase} ({Backend})")]
    public static partial void SlotsReady(ILogger logger, int count, string buildBase, string backend);

    [LoggerMessage(EventId = ExecutionEventIds.StaleSlotsCleaned, Level = LogLevel.Warning, Message = "Cleaned {Count} slots left over from an earlier run")]
    public static partial void StaleSlotsCleaned(ILogger logger, int count);

    [LoggerMessage(EventId = ExecutionEventIds.TemplateCreated, Level = LogLevel.Information, Message = "Slot template created at {Template}")]
    public static partial void TemplateCreated(ILogger logger, string template);

    [LoggerMessage(EventId = ExecutionEventIds.SlotReset, Level = LogLevel.Debug, Message = "Slot {Slot} reset before {Port}: {Reason}")]
    public static partial void SlotReset(ILogger logger, string slot, string port, string reason);

    [LoggerMessage(EventId = ExecutionEventIds.DependenciesReused, Level = LogLevel.Debug, Message = "Slot {Slot} keeps {Reused} packages for {Port} and installs {Installed}")]
    public static partial void DependenciesReused(ILogger logger, string slot, string port, int reused, int installed);

    [LoggerMessage(EventId = ExecutionEventIds.PortFailed, Level = LogLevel.Information, Message = "{Port} failed in {Phase} on slot {Slot}: {Reason}")]
    public static partial void PortFailed(ILogger logger, string port, string phase, string slot, string reason);

    [LoggerMessage(EventId = ExecutionEventIds.PortSucceeded, Level = LogLevel.Debug, Message = "{Port} built on slot {Slot}: {Package}")]
    public static partial void PortSucceeded(ILogger logger, string port, string slot, string package);

    [LoggerMessage(EventId = ExecutionEventIds.LocalBaseChanged, Level = LogLevel.Information, Message = "The build of {Port} changed /usr/local of slot {Slot} ({Change}); the slot is reset before its next port")]
    public static partial void LocalBaseChanged(ILogger logger, string port, string slot, string change);

    [LoggerMessage(EventId = ExecutionEventIds.ConstructionCleanFailed, Level = LogLevel.Warning, Message = "Emptying /construction of slot {Slot} failed ({Reason}); resetting the slot instead")]
    public static partial void ConstructionCleanFailed(ILogger logger, string slot, string reason);

    [LoggerMessage(EventId = ExecutionEventIds.SlotTeardownIncomplete, Level = LogLevel.Error, Message = "Slot {Slot} could not be torn down; still mounted: {Mounts}. Run 'gosynth cleanup' when they are free")]
    public static partial void SlotTeardownIncomplete(ILogger logger, string slot, string mounts);

    [LoggerMessage(EventId = ExecutionEventIds.PortCancelled, Level = LogLevel.Information, Message = "{Port} cancelled in {Phase} on slot {Slot}")]
    public static partial void PortCancelled(ILogger logger, string port, string phase, string slot);
}

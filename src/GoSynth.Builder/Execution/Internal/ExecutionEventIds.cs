namespace GoSynth.Builder.Execution.Internal;

/// <summary>Log event ids of the local slot executor (3100–3149).</summary>
internal static class ExecutionEventIds
{
    public const int SlotsReady = 3100;
    public const int StaleSlotsCleaned = 3101;
    public const int TemplateCreated = 3102;
    public const int SlotReset = 3103;
    public const int DependenciesReused = 3104;
    public const int PortFailed = 3105;
    public const int PortSucceeded = 3106;
    public const int LocalBaseChanged = 3107;
    public const int ConstructionCleanFailed = 3108;
    public const int SlotTeardownIncomplete = 3109;
    public const int PortCancelled = 3110;
}

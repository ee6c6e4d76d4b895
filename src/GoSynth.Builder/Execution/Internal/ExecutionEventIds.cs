namespace GoSynth.Builder.Execution.Internal;

/// <summary>Log event ids of the local slot executor (5100–5149).</summary>
internal static class ExecutionEventIds
{
    public const int SlotsReady = 5100;
    public const int StaleSlotsCleaned = 5101;
    public const int TemplateCreated = 5102;
    public const int SlotReset = 5103;
    public const int DependenciesReused = 5104;
    public const int PortFailed = 5105;
    public const int PortSucceeded = 5106;
    public const int LocalBaseChanged = 5107;
    public const int ConstructionCleanFailed = 5108;
    public const int SlotTeardownIncomplete = 5109;
    public const int PortCancelled = 5110;
}

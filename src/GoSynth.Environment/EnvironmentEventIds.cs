namespace GoSynth.Environment;

/// <summary>The event ids GoSynth.Environment logs with (range 4000–4999).</summary>
public static class EnvironmentEventIds
{
    /// <summary>A process was started.</summary>
    public const int ProcessStarted = 4000;

    /// <summary>A process ended.</summary>
    public const int ProcessEnded = 4001;

    /// <summary>A limit or cancellation is killing a process tree.</summary>
    public const int KillingTree = 4002;

    /// <summary>Output pipes were still held open after the process tree ended (a process escaped the group) and were abandoned.</summary>
    public const int OutputAbandoned = 4003;

    /// <summary>A thread that spawns into a joined mount namespace could not return to the host; it serves no more spawns.</summary>
    public const int MountNamespaceThreadLost = 4004;

    /// <summary>A slot was set up.</summary>
    public const int SlotSetUp = 4010;

    /// <summary>A slot was reset between ports.</summary>
    public const int SlotReset = 4011;

    /// <summary>A slot was torn down completely.</summary>
    public const int SlotTornDown = 4012;

    /// <summary>A slot could not be torn down completely; mounts remain and the directory was kept.</summary>
    public const int SlotTeardownIncomplete = 4013;

    /// <summary>An unmount failed (it is retried, then reported).</summary>
    public const int UnmountFailed = 4014;

    /// <summary>A stale slot from an earlier run was found.</summary>
    public const int StaleSlotFound = 4015;

    /// <summary>Slot cgroups (process, memory and CPU limits) are unavailable on this host; slots run without limits.</summary>
    public const int CgroupsUnavailable = 4016;

    /// <summary>A slot command ran into a resource limit of its slot (processes, memory).</summary>
    public const int SlotLimitReached = 4017;

    /// <summary>An unmount stayed busy through every retry; the mount was detached lazily (it goes when its last user does) so the slot can be cleaned.</summary>
    public const int MountDetached = 4018;

    /// <summary>Processes of a slot were still there after the bounded wait for them to be killed.</summary>
    public const int SlotProcessesSurvived = 4019;

    /// <summary>A system metric could not be read.</summary>
    public const int MetricsUnavailable = 4020;
}

namespace GoSynth.Environment.Processes;

/// <summary>Resource limits of a build slot (its cgroup) that a command ran into.</summary>
[Flags]
public enum ResourceLimits
{
    /// <summary>No limit was hit.</summary>
    None = 0,

    /// <summary>The slot's process limit (<see cref="Slots.SlotOptions.ProcessLimit"/>): a fork failed.</summary>
    Processes = 1,

    /// <summary>The slot's memory limit (<see cref="Slots.SlotOptions.MemoryLimit"/>): the kernel killed a process of the slot.</summary>
    Memory = 2,
}

namespace GoSynth.Environment.Slots;

/// <summary>Where a slot is in its life.</summary>
public enum SlotState
{
    /// <summary>Created, nothing mounted.</summary>
    New,

    /// <summary>Set up and ready for commands.</summary>
    Ready,

    /// <summary>Teardown left mounts behind; the directory was kept (see <see cref="TeardownResult.RemainingMounts"/>).</summary>
    TeardownIncomplete,

    /// <summary>Torn down: nothing mounted, directory removed.</summary>
    TornDown,
}

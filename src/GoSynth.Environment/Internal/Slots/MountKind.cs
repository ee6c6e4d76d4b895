namespace GoSynth.Environment.Internal.Slots;

/// <summary>What a slot mount is.</summary>
internal enum MountKind
{
    /// <summary>A memory filesystem with a size cap.</summary>
    Tmpfs,

    /// <summary>A host directory (Linux bind mount, BSD nullfs).</summary>
    Bind,

    /// <summary>A single host device node bound over a file (Linux /dev).</summary>
    DeviceNode,

    /// <summary>BSD devfs.</summary>
    Devfs,

    /// <summary>BSD procfs.</summary>
    Procfs,
}

namespace GoSynth.Environment.Slots;

/// <summary>How slots isolate builds.</summary>
public enum SlotBackend
{
    /// <summary>Linux when running on Linux as root, FreeBSD/DragonFly on those systems, otherwise <see cref="Host"/>.</summary>
    Auto,

    /// <summary>
    /// Linux: tmpfs root, read-only bind mounts; per command PID, mount, UTS, IPC (and optionally network) namespaces,
    /// pivot_root into the slot, a reduced capability bounding set with no_new_privs, and a cgroup per slot. Needs root.
    /// </summary>
    Linux,

    /// <summary>FreeBSD: dsynth's mount table with nullfs, tmpfs, devfs and procfs; chroot; procctl reaper. Needs root.</summary>
    FreeBsd,

    /// <summary>DragonFly: as <see cref="FreeBsd"/>.</summary>
    DragonFly,

    /// <summary>No isolation: commands run on the host in the slot directory; for development and tests without root.</summary>
    Host,
}

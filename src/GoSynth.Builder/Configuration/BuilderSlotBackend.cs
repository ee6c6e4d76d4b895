namespace GoSynth.Builder.Configuration;

/// <summary>How build slots isolate ports: GoSynth's <c>Slot_backend</c> key (dsynth has none).</summary>
public enum BuilderSlotBackend
{
    /// <summary><c>auto</c>: Linux namespaces on Linux, nullfs and chroot on FreeBSD and DragonFly, else the host.</summary>
    Auto,

    /// <summary><c>linux</c>: tmpfs root, bind mounts, chroot and a PID namespace per command. Needs root.</summary>
    Linux,

    /// <summary><c>bsd</c>: dsynth's nullfs/tmpfs/devfs mount table, chroot and a reaper. Needs root on FreeBSD or DragonFly.</summary>
    Bsd,

    /// <summary><c>host</c>: no isolation; commands run on the host. For development and tests.</summary>
    Host,
}

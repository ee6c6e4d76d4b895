using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>The two strategies a slot needs from its operating system: how to mount, and how to run and contain commands.</summary>
internal interface ISlotPlatform
{
    SlotBackend Backend { get; }

    /// <summary>The mounts of a slot, in mounting order (teardown is the reverse).</summary>
    IReadOnlyList<MountSpec> Plan(SlotOptions options);

    /// <summary>Called after the root is mounted, before the other mounts: symlinks, device files.</summary>
    void PrepareRoot(string root, SlotOptions options);

    Task MountAsync(string root, MountSpec mount, CancellationToken cancellationToken);

    /// <summary>Unmounts one mount point; returns null on success or the error text (EBUSY …).</summary>
    Task<string?> UnmountAsync(string mountPoint, CancellationToken cancellationToken);

    /// <summary>Every mount point in the live mount table, in table order.</summary>
    Task<IReadOnlyList<string>> ListMountPointsAsync(CancellationToken cancellationToken);

    /// <summary>The host command that runs <paramref name="command"/> inside the slot.</summary>
    ProcessSpec Wrap(string root, SlotCommand command, SlotOptions options, Func<string, string> mapToHost);

    /// <summary>Kills every process still running inside the slot and waits (bounded) until they are gone; false when some outlived the wait.</summary>
    Task<bool> KillProcessesAsync(string root, CancellationToken cancellationToken);

    /// <summary>The processes of the slot still there (after a kill that returned false), for the log.</summary>
    IReadOnlyList<string> Survivors(string root) => [];

    /// <summary>
    /// Detaches a mount that stays busy (Linux <c>MNT_DETACH</c>): it leaves the mount table at once and goes when its
    /// last user does. Returns null on success or the error text; systems without a lazy unmount say so.
    /// </summary>
    /// <remarks>Only called when <see cref="CanDetach"/>.</remarks>
    Task<string?> DetachAsync(string mountPoint, CancellationToken cancellationToken) =>
        Task.FromResult<string?>($"{mountPoint}: this system has no lazy unmount");

    /// <summary>Whether <see cref="DetachAsync"/> exists here (Linux).</summary>
    bool CanDetach => false;

    /// <summary>What keeps <paramref name="mountPoint"/> busy (processes and how), for the log; empty when unknown.</summary>
    IReadOnlyList<string> Holders(string mountPoint) => [];

    /// <summary>Deletes <paramref name="directory"/> without crossing into another filesystem.</summary>
    Task RemoveTreeAsync(string directory, CancellationToken cancellationToken);

    /// <summary>The slot's limit counters before a command (after <see cref="Wrap"/>); null when the slot has no limits.</summary>
    (long PidsMax, long OomKills)? LimitCounters(string root) => null;

    /// <summary>Which of the slot's limits were hit since <paramref name="before"/>.</summary>
    ResourceLimits LimitsReachedSince(string root, (long PidsMax, long OomKills)? before) => ResourceLimits.None;

    /// <summary>Releases what the slot holds outside its directory (its cgroup) at teardown.</summary>
    Task ReleaseAsync(string root, TimeProvider timeProvider) => Task.CompletedTask;
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Internal.Slots.Cgroups;
using GoSynth.Environment.Slots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>
/// Linux slots: a tmpfs root made mount-private, the host's <c>/usr</c> bound read-only (with <c>bin</c>, <c>lib</c>, …
/// as symlinks on merged-/usr systems, read-only binds otherwise), the ports tree read-only, distfiles, packages,
/// options (and ccache) read-write, sized tmpfs <c>/construction</c> and <c>/usr/local</c>, device nodes bound
/// into <c>/dev</c>. Mounts are made with mount(2) directly. Each command runs as <see cref="LinuxSandbox"/>
/// describes: its own PID namespace (killing its init kills every process in it), mount, UTS and IPC namespaces,
/// pivot_root into the slot, a reduced capability bounding set, the slot's cgroup, and optionally no network.
/// </summary>
internal sealed class LinuxSlotPlatform : ISlotPlatform
{
    // How long a kill waits for the slot's processes to be gone, looking every 10 ms.
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan KillWaitStep = TimeSpan.FromMilliseconds(10);

    private static readonly string[] s_topLevelSystemDirs = ["bin", "sbin", "lib", "lib32", "lib64", "libx32"];
    private static readonly string[] s_deviceNodes = ["null", "zero", "full", "random", "urandom", "tty"];
    private readonly string _unshare;
    private readonly Lazy<SlotCgroups?> _cgroups;
    private readonly ConcurrentDictionary<string, SlotCgroup> _groups = new(StringComparer.Ordinal);
    private LinuxSandbox.Tools? _tools;

    /// <param name="logger">Receives the one warning when cgroups are unavailable.</param>
    /// <param name="unshare">util-linux unshare.</param>
    /// <param name="mountInfo">The mount table to find cgroup hierarchies in (tests pass another).</param>
    /// <param name="ownGroups">GoSynth's own cgroups (tests pass another).</param>
    public LinuxSlotPlatform(ILogger? logger = null, string unshare = "/usr/bin/unshare", string mountInfo = "/proc/self/mountinfo", string ownGroups = "/proc/self/cgroup")
    {
        _unshare = unshare;
        var log = logger ?? NullLogger.Instance;
        _cgroups = new Lazy<SlotCgroups?>(() =>
        {
            // Detected once per environment; a host without usable cgroups is said once, not per slot or command.
            var found = SlotCgroups.Detect(out var reason, mountInfo, ownGroups);
            if (found is null)
            {
                Log.CgroupsUnavailable(log, reason);
            }

            return found;
        });
    }

    /// <summary>Whether slots get cgroup limits here, and which layout ("cgroup v2", "cgroup v1 (…)"); null when unavailable.</summary>
    public string? CgroupLayout => _cgroups.Value?.Description;

    public SlotBackend Backend => SlotBackend.Linux;

    public IReadOnlyList<MountSpec> Plan(SlotOptions options)
    {
        var sys = options.SystemRoot;
        var plan = new List<MountSpec>
        {
            new(MountKind.Tmpfs, "/", Size: options.RootSize),
            new(MountKind.Bind, "/usr", Path.Combine(sys, "usr"), ReadOnly: true),
        };
        foreach (var dir in s_topLevelSystemDirs)
        {
            var host = Path.Combine(sys, dir);
            if (Directory.Exists(host) && new DirectoryInfo(host).LinkTarget is null)
            {
                plan.Add(new(MountKind.Bind, "/" + dir, host, ReadOnly: true));
            }
        }

        plan.Add(new(MountKind.Bind, "/xports", options.PortsDirectory, ReadOnly: true));
        plan.Add(new(MountKind.Bind, "/options", options.OptionsDirectory));
        plan.Add(new(MountKind.Bind, "/packages", options.PackagesDirectory));
        plan.Add(new(MountKind.Bind, "/distfiles", options.DistfilesDirectory));
        if (options.CCacheDirectory is not null)
        {
            plan.Add(new(MountKind.Bind, "/ccache", options.CCacheDirectory));
        }

        plan.Add(new(MountKind.Tmpfs, "/construction", Size: options.ConstructionSize));
        plan.Add(new(MountKind.Tmpfs, "/usr/local", Size: options.LocalBaseSize));
        // POSIX shared memory and semaphores (Python's multiprocessing, many test suites) live in /dev/shm.
        plan.Add(new(MountKind.Tmpfs, "/dev/shm", Size: "1g", Mode: "1777"));
        foreach (var dev in s_deviceNodes)
        {
            if (File.Exists("/dev/" + dev))
            {
                plan.Add(new(MountKind.DeviceNode, "/dev/" + dev, "/dev/" + dev));
            }
        }

        return plan;
    }

    public void PrepareRoot(string root, SlotOptions options)
    {
        // A slot whose commands could not be confined is refused at setup, not at its first command.
        _tools ??= LinuxSandbox.FindTools(options.SystemRoot);
        foreach (var dir in s_topLevelSystemDirs)
        {
            var host = new DirectoryInfo(Path.Combine(options.SystemRoot, dir));
            if (host.Exists && host.LinkTarget is { } target)
            {
                File.CreateSymbolicLink(Path.Combine(root, dir), target);
            }
        }

        Directory.CreateDirectory(Path.Combine(root, "dev"));
        Directory.CreateDirectory(Path.Combine(root, "proc"));
        File.CreateSymbolicLink(Path.Combine(root, "dev", "fd"), "/proc/self/fd");
        File.CreateSymbolicLink(Path.Combine(root, "dev", "stdin"), "/proc/self/fd/0");
        File.CreateSymbolicLink(Path.Combine(root, "dev", "stdout"), "/proc/self/fd/1");
        File.CreateSymbolicLink(Path.Combine(root, "dev", "stderr"), "/proc/self/fd/2");
        foreach (var d in new[] { "tmp", "var/tmp" })
        {
            var p = Path.Combine(root, d);
            Directory.CreateDirectory(p);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(p, (UnixFileMode)Convert.ToInt32("1777", 8));
            }
        }
    }

    public Task MountAsync(string root, MountSpec mount, CancellationToken cancellationToken)
    {
        var target = mount.HostTarget(root);
        switch (mount.Kind)
        {
            case MountKind.Tmpfs:
                Directory.CreateDirectory(target);
                var source = mount.Target == "/" ? LinuxSlotProcesses.RootSource(root) : "tmpfs";
                Check(LibC.mount(source, target, "tmpfs", LibC.MS_NOSUID | LibC.MS_NODEV, "size=" + mount.Size + ",mode=" + mount.Mode), "mount tmpfs on", target);
                if (mount.Target == "/")
                {
                    // Nothing mounted below the slot may propagate to (or from) other mount namespaces.
                    Check(LibC.mount(null, target, null, LibC.MS_PRIVATE | LibC.MS_REC, null), "make private", target);
                }

                break;
            case MountKind.Bind:
            case MountKind.DeviceNode:
                var from = mount.Source!;
                if (mount.Kind == MountKind.Bind)
                {
                    if (!Directory.Exists(from))
                    {
                        throw new SlotException($"cannot mount {mount.Target} of the slot: host directory '{from}' does not exist; create it or fix the configuration");
                    }

                    Directory.CreateDirectory(target);
                }
                else if (!File.Exists(target))
                {
                    File.WriteAllBytes(target, []);
                }

                Check(LibC.mount(from, target, null, LibC.MS_BIND, null), $"bind {from} on", target);
                if (mount.ReadOnly)
                {
                    Check(LibC.mount(null, target, null, LibC.MS_REMOUNT | LibC.MS_BIND | LibC.MS_RDONLY | LibC.MS_NOSUID, null), "remount read-only", target);
                }

                break;
            default:
                throw new SlotException($"mount kind {mount.Kind} is not used on Linux");
        }

        return Task.CompletedTask;
    }

    public Task<string?> UnmountAsync(string mountPoint, CancellationToken cancellationToken)
    {
        // A plain unmount first: busy means something still uses the mount. The slot detaches (DetachAsync) only when
        // that stays so after its retries, and says who held it.
        if (LibC.umount2(mountPoint, 0) == 0)
        {
            return Task.FromResult<string?>(null);
        }

        var errno = Marshal.GetLastPInvokeError();
        return Task.FromResult<string?>($"umount {mountPoint}: {LibC.Describe(errno)}");
    }

    public async Task<IReadOnlyList<string>> ListMountPointsAsync(CancellationToken cancellationToken) =>
        MountInfo.ParseLinux(await File.ReadAllTextAsync("/proc/self/mountinfo", cancellationToken).ConfigureAwait(false));

    public ProcessSpec Wrap(string root, SlotCommand command, SlotOptions options, Func<string, string> mapToHost)
    {
        var tools = _tools ??= LinuxSandbox.FindTools(options.SystemRoot);
        List<string> args = ["--pid", "--fork", "--kill-child=SIGKILL", "--mount", "--propagation=private", "--uts", "--ipc"];
        if (options.IsolateNetwork && !command.AllowNetwork)
        {
            args.Add("--net");
        }

        args.Add("--");
        var name = Path.GetFileName(root);
        args.AddRange(LinuxSandbox.Arguments(tools, root, name, command.WorkingDirectory, CgroupProcsFor(GroupName(root), options), command));
        return new ProcessSpec(_unshare, args)
        {
            Environment = command.Environment,
            Timeout = command.Timeout,
            NoOutputTimeout = command.NoOutputTimeout,
        };
    }

    public async Task<bool> KillProcessesAsync(string root, CancellationToken cancellationToken)
    {
        var name = GroupName(root);
        var group = _cgroups.Value is { } cgroups ? (_groups.TryGetValue(name, out var known) ? known : cgroups.Existing(name)) : null;

        // SIGKILL takes effect asynchronously: on a loaded host a killed process can still be listed for a while, and
        // cgroup.procs stops listing it as soon as it starts to exit, before the kernel lets go of its root directory.
        // So kill both ways (every member of the slot's group, every process whose namespace or root is the slot's) and
        // return only when neither finds one: "killed" means gone. Bounded; false when something outlived the wait.
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(KillWait.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (true)
        {
            var found = false;
            if (group is not null)
            {
                group.KillAll();
                found = !group.IsEmpty;
            }

            // The walk over /proc (every process's namespace and root) only once the group lists nobody: while it
            // still does, the next round comes anyway, and the walk is the expensive part on a busy host.
            if (!found)
            {
                foreach (var pid in LinuxSlotProcesses.InSlot(root))
                {
                    found = true;
                    LibC.kill(pid, LibC.SIGKILL);
                }
            }

            if (!found)
            {
                return true;
            }

            if (cancellationToken.IsCancellationRequested || System.Diagnostics.Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(KillWaitStep, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public IReadOnlyList<string> Survivors(string root)
    {
        var name = GroupName(root);
        var members = _cgroups.Value is { } cgroups && (_groups.TryGetValue(name, out var known) ? known : cgroups.Existing(name)) is { } group
            ? group.MemberPids()
            : [];
        return [.. members.Concat(LinuxSlotProcesses.InSlot(root)).Distinct().Order().Select(p => p.ToString(CultureInfo.InvariantCulture))];
    }

    public bool CanDetach => true;

    public Task<string?> DetachAsync(string mountPoint, CancellationToken cancellationToken)
    {
        // A lazy detach goes even when busy, so it must reach exactly the slot's mount: no component of the path may have
        // become a symbolic link since the table was read (a build could have swapped a directory of its writable root
        // for a link to the host's), and the last one is never followed.
        if (!string.Equals(LibC.RealPath(mountPoint), mountPoint, StringComparison.Ordinal))
        {
            return Task.FromResult<string?>($"umount -l {mountPoint}: refused, the path now leads elsewhere (through a symbolic link)");
        }

        if (LibC.umount2(mountPoint, LibC.MNT_DETACH | LibC.UMOUNT_NOFOLLOW) == 0)
        {
            return Task.FromResult<string?>(null);
        }

        var errno = Marshal.GetLastPInvokeError();
        return Task.FromResult<string?>($"umount -l {mountPoint}: {LibC.Describe(errno)}");
    }

    public IReadOnlyList<string> Holders(string mountPoint) => LinuxSlotProcesses.Holding(mountPoint);

    public async Task RemoveTreeAsync(string directory, CancellationToken cancellationToken) =>
        SafeTree.Delete(directory, await ListMountPointsAsync(cancellationToken).ConfigureAwait(false));

    public (long PidsMax, long OomKills)? LimitCounters(string root) =>
        _groups.TryGetValue(GroupName(root), out var group) ? group.ReadCounters() : null;

    public ResourceLimits LimitsReachedSince(string root, (long PidsMax, long OomKills)? before) =>
        before is { } b && _groups.TryGetValue(GroupName(root), out var group) ? group.ReachedSince(b) : ResourceLimits.None;

    public async Task ReleaseAsync(string root, TimeProvider timeProvider)
    {
        var name = GroupName(root);
        if (_groups.TryRemove(name, out var group) || (_cgroups.Value?.Existing(name) is { } stale && (group = stale) is not null))
        {
            await group.RemoveAsync(timeProvider).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The cgroup of the slot at <paramref name="root"/>: the slot's name and a digest of its build base
    /// (<c>SL01-3f2a9c41d0</c>). Two runs with different build bases (two configurations, or two test fixtures) each
    /// have a slot SL01; with one group between them, one run's cleanup would kill the other's builds.
    /// </summary>
    internal static string GroupName(string root)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var buildBase = Path.GetDirectoryName(full) ?? "/";
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(buildBase)));
        return $"{Path.GetFileName(full)}-{digest[..10]}";
    }

    private IReadOnlyList<string> CgroupProcsFor(string slotName, SlotOptions options)
    {
        if (_cgroups.Value is not { } cgroups)
        {
            return [];
        }

        // The environment's options never change after it is created: limits are written once per slot, and again only
        // when the group is gone (removed by the cleanup of another run or process): a command told to join a group
        // that no longer exists could not enter its slot.
        return _groups.AddOrUpdate(slotName, name => cgroups.ForSlot(name, options), (name, known) => known.Exists ? known : cgroups.ForSlot(name, options)).ProcsFiles;
    }

    private static void Check(int rc, string what, string target)
    {
        if (rc != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SlotException($"{what} {target} failed: {LibC.Describe(errno)}");
        }
    }
}

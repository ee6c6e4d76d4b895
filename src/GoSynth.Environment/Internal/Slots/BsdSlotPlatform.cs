using System.Collections.Concurrent;
using System.Collections.Immutable;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>
/// FreeBSD/DragonFly slots with dsynth's mount table (tmpfs root, nullfs read-only system directories, devfs,
/// procfs, the ports tree read-only, options/packages/distfiles read-write, tmpfs /construction and /usr/local),
/// made with mount_tmpfs, mount_nullfs and mount(8) through the process runner; the live table is read with
/// <c>mount -p</c>; commands run under chroot(8), and on FreeBSD every process of a command is killed through the
/// procctl reaper afterwards. Not yet run on a BSD host.
/// </summary>
internal sealed class BsdSlotPlatform : ISlotPlatform
{
    /// <summary>dsynth's read-only system directories, in its mounting order.</summary>
    public static readonly ImmutableArray<string> SystemDirectories =
        ["/bin", "/sbin", "/lib", "/libexec", "/usr/bin", "/usr/include", "/usr/lib", "/usr/libdata", "/usr/libexec", "/usr/sbin", "/usr/share", "/usr/games"];

    private static readonly ImmutableDictionary<string, string> s_env =
        ImmutableDictionary<string, string>.Empty.Add("PATH", "/sbin:/bin:/usr/sbin:/usr/bin");

    private readonly IProcessRunner _runner;
    private readonly ConcurrentDictionary<string, int> _leaders = new(StringComparer.Ordinal);

    public BsdSlotPlatform(IProcessRunner runner, SlotBackend backend)
    {
        _runner = runner;
        Backend = backend;
    }

    public SlotBackend Backend { get; }

    public IReadOnlyList<MountSpec> Plan(SlotOptions options)
    {
        string Sys(string p) => options.SystemRoot == "/" ? p : Path.TrimEndingDirectorySeparator(options.SystemRoot) + p;
        var plan = new List<MountSpec>
        {
            new(MountKind.Tmpfs, "/", Size: options.RootSize),
            new(MountKind.Bind, "/boot", Sys("/boot"), ReadOnly: true),
            new(MountKind.Tmpfs, "/boot/modules.local", Size: options.RootSize),
            new(MountKind.Devfs, "/dev"),
            new(MountKind.Procfs, "/proc", ReadOnly: true),
        };
        plan.AddRange(SystemDirectories.Select(d => new MountSpec(MountKind.Bind, d, Sys(d), ReadOnly: true)));
        plan.Add(new(MountKind.Tmpfs, "/usr/local", Size: options.LocalBaseSize));
        plan.Add(new(MountKind.Bind, "/xports", options.PortsDirectory, ReadOnly: true));
        plan.Add(new(MountKind.Bind, "/options", options.OptionsDirectory));
        plan.Add(new(MountKind.Bind, "/packages", options.PackagesDirectory));
        plan.Add(new(MountKind.Bind, "/distfiles", options.DistfilesDirectory));
        plan.Add(new(MountKind.Tmpfs, "/construction", Size: options.ConstructionSize));
        if (options.CCacheDirectory is not null)
        {
            plan.Add(new(MountKind.Bind, "/ccache", options.CCacheDirectory));
        }

        return plan;
    }

    public void PrepareRoot(string root, SlotOptions options)
    {
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

    /// <summary>The argv of the mount(8)-family command for <paramref name="mount"/>.</summary>
    public static string[] MountCommand(string root, MountSpec mount)
    {
        var target = mount.HostTarget(root);
        return mount.Kind switch
        {
            MountKind.Tmpfs => ["mount_tmpfs", "-o", "rw,size=" + mount.Size, "tmpfs", target],
            MountKind.Bind => ["mount_nullfs", "-o", mount.ReadOnly ? "ro" : "rw", mount.Source!, target],
            MountKind.Devfs => ["mount", "-t", "devfs", "devfs", target],
            MountKind.Procfs => ["mount", "-t", "procfs", "-o", "ro", "proc", target],
            _ => throw new SlotException($"mount kind {mount.Kind} is not used on FreeBSD/DragonFly"),
        };
    }

    public async Task MountAsync(string root, MountSpec mount, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(mount.HostTarget(root));
        var argv = MountCommand(root, mount);
        var (ok, error) = await RunAsync(argv, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            throw new SlotException($"'{string.Join(' ', argv)}' failed: {error}");
        }
    }

    public async Task<string?> UnmountAsync(string mountPoint, CancellationToken cancellationToken)
    {
        var (ok, error) = await RunAsync(["umount", mountPoint], cancellationToken).ConfigureAwait(false);
        return ok ? null : $"umount {mountPoint}: {error}";
    }

    public async Task<IReadOnlyList<string>> ListMountPointsAsync(CancellationToken cancellationToken)
    {
        var sink = new CapturingOutputSink();
        var result = await _runner.RunAsync(new ProcessSpec("mount", ["-p"]) { Environment = s_env }, sink, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new SlotException($"'mount -p' failed: {sink.StandardError}");
        }

        return MountInfo.ParseFstab(string.Join('\n', sink.StandardOutputLines));
    }

    public ProcessSpec Wrap(string root, SlotCommand command, SlotOptions options, Func<string, string> mapToHost)
    {
        // chroot(8) starts in the new root; env -C (FreeBSD 14+) changes to the working directory inside it.
        List<string> args = [root];
        if (command.WorkingDirectory != "/")
        {
            args.AddRange(["/usr/bin/env", "-C", command.WorkingDirectory]);
        }

        args.Add(command.FileName);
        args.AddRange(command.Arguments);
        return new ProcessSpec("/usr/sbin/chroot", args)
        {
            Environment = command.Environment,
            Timeout = command.Timeout,
            NoOutputTimeout = command.NoOutputTimeout,
        };
    }

    /// <summary>Records the pid of the command now running in <paramref name="root"/> (the reaper subtree to kill).</summary>
    public void OnStarted(string root, int pid) => _leaders[root] = pid;

    public Task<bool> KillProcessesAsync(string root, CancellationToken cancellationToken)
    {
        if (_leaders.TryRemove(root, out var leader))
        {
            BsdReaper.KillSubtree(leader);
        }

        return Task.FromResult(true);
    }

    public async Task RemoveTreeAsync(string directory, CancellationToken cancellationToken)
    {
        var (ok, error) = await RunAsync(["rm", "-rf", "-x", "--", directory], cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            throw new SlotException($"cannot remove '{directory}': {error}");
        }
    }

    private async Task<(bool Ok, string Error)> RunAsync(string[] argv, CancellationToken cancellationToken)
    {
        var sink = new CapturingOutputSink();
        var result = await _runner.RunAsync(new ProcessSpec(argv[0], argv[1..]) { Environment = s_env, Timeout = TimeSpan.FromMinutes(2) }, sink, cancellationToken).ConfigureAwait(false);
        return (result.Succeeded, sink.StandardError.Length > 0 ? sink.StandardError : $"{result.Outcome} {result.ExitCode}");
    }
}

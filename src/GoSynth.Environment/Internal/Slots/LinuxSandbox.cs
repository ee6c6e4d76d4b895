using GoSynth.Environment.Slots;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>
/// How a Linux slot command is confined. <c>unshare</c> gives it new PID, mount, UTS and IPC (and optionally network)
/// namespaces and kills the namespace's init when it dies; inside, a short POSIX shell prelude (host tools only,
/// absolute paths) joins the slot's cgroup, sets the slot's hostname, mounts a fresh <c>/proc</c> for the new PID
/// namespace, read-only (uid 0 may write most sysctls, <c>sysrq-trigger</c> and IRQ affinities without any
/// capability; one read-only mount is also one process less than masking each), then <c>pivot_root</c>s into
/// the slot root and detaches the old root (nothing of the host's tree stays reachable, unlike chroot(2)), and finally
/// runs the command through <c>setpriv</c>: no_new_privs, no inheritable capabilities, and a bounding set of only
/// <see cref="KeptCapabilities"/>, so the command can never mount (read-only binds stay read-only), chroot, mknod,
/// load modules, do raw I/O, ptrace, set the clock or reboot, even as uid 0.
/// </summary>
internal static class LinuxSandbox
{
    /// <summary>What a port build keeps: owning and permission changes of its own files, setuid/setgid to drop to build users, signals to its own processes, binding low ports on the slot's loopback.</summary>
    public static readonly string[] KeptCapabilities =
        ["chown", "dac_override", "fowner", "fsetid", "kill", "setgid", "setuid", "setpcap", "net_bind_service"];

    /// <summary>The prelude's exit code when the slot itself could not be entered (not the command's failure).</summary>
    public const int SandboxFailure = 125;

    // $1 slot root, $2 hostname, $3 working directory inside the slot, $4 the cgroup.procs files to join (space-separated),
    // $5 mount, $6 umount, $7 pivot_root, $8 setpriv (as seen inside the slot), $9 capability list, $10 which of PWD
    // (P) and OLDPWD (O) the command's environment has, $11 and $12 their values; the rest is argv. The shell's own cd
    // must not leak PWD or OLDPWD into the command's environment: it gets exactly what it was given.
    private const string Prelude = """
        fail() { echo "gosynth slot: $*" >&2; exit 125; }
        root=$1 name=$2 wd=$3 cg=$4 mnt=$5 umnt=$6 pivot=$7 setpriv=$8 caps=$9 given=${10} pwdv=${11} oldv=${12}
        shift 12
        for f in $cg; do echo 0 > "$f" || fail "cannot join the slot's cgroup $f"; done
        echo "$name" > /proc/sys/kernel/hostname || fail "cannot set the hostname"
        "$mnt" -t proc -o ro,nosuid,nodev,noexec proc "$root/proc" || fail "cannot mount /proc"
        cd "$root" || fail "cannot enter $root"
        "$pivot" . . || fail "pivot_root into $root failed"
        "$umnt" -l . || fail "cannot detach the host's root"
        cd "$wd" || fail "working directory $wd does not exist in the slot"
        unset PWD OLDPWD
        case $given in *P*) PWD=$pwdv; export PWD;; esac
        case $given in *O*) OLDPWD=$oldv; export OLDPWD;; esac
        exec "$setpriv" --no-new-privs --inh-caps=-all --bounding-set="$caps" -- "$@"
        """;

    /// <summary>The host tools the prelude runs, and setpriv as found in the slot's system.</summary>
    public sealed record Tools(string Shell, string Mount, string Umount, string PivotRoot, string SetprivInSlot);

    /// <summary>Finds the tools; throws naming the missing one.</summary>
    public static Tools FindTools(string systemRoot)
    {
        static string Find(string root, string tool, params string[] candidates) =>
            candidates.FirstOrDefault(c => File.Exists(root.TrimEnd('/') + c))
            ?? throw new SlotException($"Linux slots need '{tool}' (util-linux) in {(root == "/" ? "the host system" : "the slot system " + root)}; looked in {string.Join(", ", candidates)}. Run eng/prereqs.sh or install util-linux");

        return new Tools(
            Find("/", "sh", "/bin/sh", "/usr/bin/sh"),
            Find("/", "mount", "/usr/bin/mount", "/bin/mount"),
            Find("/", "umount", "/usr/bin/umount", "/bin/umount"),
            Find("/", "pivot_root", "/usr/sbin/pivot_root", "/sbin/pivot_root", "/usr/bin/pivot_root"),
            Find(systemRoot, "setpriv", "/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv"));
    }

    /// <summary>The arguments after <c>unshare … --</c>: the prelude and what it needs, then the command.</summary>
    public static List<string> Arguments(Tools tools, string root, string hostname, string workingDirectory, IReadOnlyList<string> cgroupProcs, SlotCommand command)
    {
        List<string> args =
        [
            tools.Shell, "-c", Prelude, "gosynth-slot",
            root, hostname, workingDirectory, string.Join(' ', cgroupProcs),
            tools.Mount, tools.Umount, tools.PivotRoot, tools.SetprivInSlot,
            "-all," + string.Join(',', KeptCapabilities.Select(c => "+" + c)),
            (command.Environment.ContainsKey("PWD") ? "P" : string.Empty) + (command.Environment.ContainsKey("OLDPWD") ? "O" : string.Empty),
            command.Environment.GetValueOrDefault("PWD", string.Empty),
            command.Environment.GetValueOrDefault("OLDPWD", string.Empty),
            command.FileName,
        ];
        args.AddRange(command.Arguments);
        return args;
    }
}

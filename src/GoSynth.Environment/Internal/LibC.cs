using System.Runtime.InteropServices;
using GoSynth.Environment.Internal.Native;

namespace GoSynth.Environment.Internal;

/// <summary>The few libc calls the runner needs that .NET does not expose: spawning into a new session, waiting without reaping, killing a process group.</summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    public static int SIGTERM => NativeConstants.SigTerm.Int;
    public static int SIGKILL => NativeConstants.SigKill.Int;
    public static int ESRCH => NativeConstants.ESrch.Int;
    public static int EINTR => NativeConstants.EIntr.Int;
    public static int ECHILD => NativeConstants.EChild.Int;
    public static int O_RDONLY => NativeConstants.ORdOnly.Int;
    public static int EBUSY => NativeConstants.EBusy.Int;
    public static int EINVAL => NativeConstants.EInval.Int;
    public static int ENOENT => NativeConstants.ENoEnt.Int;

    public static readonly bool IsLinux = OperatingSystem.IsLinux();

    // Every value below comes from the native table, per system (see NativeConstants for the headers).
    public static int OCloexec => NativeConstants.OCloexec.Int;

    public static int ONonBlock => NativeConstants.ONonBlock.Int;

    public static int EAGAIN => NativeConstants.EAgain.Int;

    public static int SpawnSetSigDef => NativeConstants.SpawnSetSigDef.Int;

    public static int SpawnSetSigMask => NativeConstants.SpawnSetSigMask.Int;

    /// <summary>glibc's POSIX_SPAWN_SETSID; on the BSDs a new process group (POSIX_SPAWN_SETPGROUP with group 0) is used instead.</summary>
    public static int SpawnNewGroup => IsLinux ? NativeConstants.SpawnSetSid.Int : NativeConstants.SpawnSetPGroup.Int;

    public static int PPid => NativeConstants.PPid.Int;

    public static int WExited => NativeConstants.WExited.Int;

    public static int WNoWait => NativeConstants.WNoWait.Int;

    // <sys/mount.h> (Linux only)
    public static ulong MS_RDONLY => (ulong)NativeConstants.MsRdOnly.For(NativeOs.Linux);

    public static ulong MS_NOSUID => (ulong)NativeConstants.MsNoSuid.For(NativeOs.Linux);

    public static ulong MS_NODEV => (ulong)NativeConstants.MsNoDev.For(NativeOs.Linux);

    public static ulong MS_REMOUNT => (ulong)NativeConstants.MsRemount.For(NativeOs.Linux);

    public static ulong MS_BIND => (ulong)NativeConstants.MsBind.For(NativeOs.Linux);

    public static ulong MS_REC => (ulong)NativeConstants.MsRec.For(NativeOs.Linux);

    public static ulong MS_PRIVATE => (ulong)NativeConstants.MsPrivate.For(NativeOs.Linux);

    /// <summary>umount2(2)'s lazy detach (Linux only).</summary>
    public static int MNT_DETACH => (int)NativeConstants.MntDetach.For(NativeOs.Linux);

    public static int UMOUNT_NOFOLLOW => (int)NativeConstants.UmountNoFollow.For(NativeOs.Linux);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int kill(int pid, int sig);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int pipe2(int* fds, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int close(int fd);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport(Library, SetLastError = true)]
    public static partial nint write(int fd, byte* buffer, nint count);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial byte* realpath(string path, byte* resolved);

    /// <summary>The canonical path of <paramref name="path"/> (symlinks resolved) for its longest existing prefix; the rest is appended as given.</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var rest = new Stack<string>();
        var existing = full;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            rest.Push(Path.GetFileName(existing));
            existing = parent;
        }

        var resolved = realpath(existing, null);
        if (resolved is null)
        {
            return full;
        }

        var real = Marshal.PtrToStringUTF8((nint)resolved)!;
        NativeMemory.Free(resolved);
        return rest.Aggregate(real, Path.Combine);
    }

    [LibraryImport(Library, SetLastError = true)]
    public static partial int poll(void* fds, nuint count, int timeout);

    /// <summary>Linux pidfd_open(2) through syscall(2) (number 434 on every architecture); -1 when unavailable.</summary>
    public static int PidfdOpen(int pid) => IsLinux ? (int)syscall(434, pid, 0) : -1;

    [LibraryImport(Library, SetLastError = true)]
    private static partial long syscall(long number, long arg1, long arg2);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int waitpid(int pid, int* status, int options);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int waitid(int idtype, int id, byte* infop, int options);

    [LibraryImport(Library)]
    public static partial uint geteuid();

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mount(string? source, string target, string? fstype, ulong flags, string? data);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int umount2(string target, int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int procctl(int idtype, long id, int cmd, void* data);

    [LibraryImport(Library)]
    public static partial int posix_spawn(int* pid, byte* path, byte* fileActions, byte* attr, byte** argv, byte** envp);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_init(byte* fileActions);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_destroy(byte* fileActions);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_adddup2(byte* fileActions, int fd, int newFd);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_addopen(byte* fileActions, int fd, byte* path, int oflag, int mode);

    [LibraryImport(Library)]
    public static partial int posix_spawn_file_actions_addchdir_np(byte* fileActions, byte* path);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_init(byte* attr);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_destroy(byte* attr);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_setflags(byte* attr, short flags);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_setpgroup(byte* attr, int pgroup);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_setsigmask(byte* attr, byte* sigset);

    [LibraryImport(Library)]
    public static partial int posix_spawnattr_setsigdefault(byte* attr, byte* sigset);

    [LibraryImport(Library)]
    public static partial int sigemptyset(byte* set);

    [LibraryImport(Library)]
    public static partial int sigfillset(byte* set);

    /// <summary>The text of an errno value.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>Whether the caller runs with effective user id 0.</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && geteuid() == 0;
}

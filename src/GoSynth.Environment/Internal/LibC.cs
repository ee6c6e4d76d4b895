using System.Runtime.InteropServices;

namespace GoSynth.Environment.Internal;

/// <summary>The few libc calls the runner needs that .NET does not expose: spawning into a new session, waiting without reaping, killing a process group.</summary>
internal static unsafe partial class LibC
{
    private const string Library = "libc";

    public const int SIGTERM = 15;
    public const int SIGKILL = 9;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int ECHILD = 10;
    public const int O_RDONLY = 0;
    public const int EBUSY = 16;
    public const int EINVAL = 22;
    public const int ENOENT = 2;

    // <sys/mount.h> (Linux)
    public const ulong MS_RDONLY = 1;
    public const ulong MS_NOSUID = 2;
    public const ulong MS_REMOUNT = 32;
    public const ulong MS_BIND = 4096;
    public const ulong MS_REC = 16384;
    public const ulong MS_PRIVATE = 1 << 18;

    public static readonly bool IsLinux = OperatingSystem.IsLinux();

    // Values differ between glibc (Linux) and the BSD libcs; taken from <fcntl.h>, <spawn.h> and <sys/wait.h> of each.
    public static int OCloexec => IsLinux ? 0x80000 : 0x100000;

    public static int ONonBlock => IsLinux ? 0x800 : 0x4;

    public static int EAGAIN => IsLinux ? 11 : 35;

    public static int SpawnSetSigDef => IsLinux ? 0x04 : 0x10;

    public static int SpawnSetSigMask => IsLinux ? 0x08 : 0x20;

    /// <summary>glibc's POSIX_SPAWN_SETSID; on the BSDs a new process group (POSIX_SPAWN_SETPGROUP with group 0) is used instead.</summary>
    public static int SpawnNewGroup => IsLinux ? 0x80 : 0x02;

    public static int PPid => IsLinux ? 1 : 0;

    public static int WExited => IsLinux ? 4 : 16;

    public static int WNoWait => IsLinux ? 0x01000000 : 8;

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

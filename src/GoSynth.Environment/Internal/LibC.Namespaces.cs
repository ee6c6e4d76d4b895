using System.Runtime.InteropServices;

namespace GoSynth.Environment.Internal;

/// <summary>The Linux calls a thread needs to step into another process's mount namespace and root for one spawn (see <see cref="Processes.MountNamespace"/>).</summary>
internal static unsafe partial class LibC
{
    /// <summary><c>CLONE_FS</c> from &lt;sched.h&gt;: the file-system context (root, working directory, umask). Linux only; the value is the kernel ABI on every architecture.</summary>
    public const int CloneFs = 0x00000200;

    /// <summary><c>CLONE_NEWNS</c> from &lt;sched.h&gt;: the mount namespace. Linux only; the value is the kernel ABI on every architecture.</summary>
    public const int CloneNewNs = 0x00020000;

    /// <summary><c>CLONE_NEWPID</c> from &lt;sched.h&gt;: the PID namespace. Linux only; the value is the kernel ABI on every architecture.</summary>
    public const int CloneNewPid = 0x20000000;

    /// <summary><c>AT_FDCWD</c> from &lt;fcntl.h&gt; (Linux ABI).</summary>
    public const int AtFdCwd = -100;

    /// <summary><c>STATX_TYPE | STATX_MODE</c> from &lt;linux/stat.h&gt;: the file type and permission bits.</summary>
    public const uint StatxTypeAndMode = 0x1 | 0x2;

    /// <summary>The size of <c>struct statx</c> (kernel ABI, the same on every architecture).</summary>
    public const int StatxSize = 256;

    /// <summary>The offset of <c>stx_mode</c> (a 16-bit field) in <c>struct statx</c>.</summary>
    public const int StatxModeOffset = 28;

    /// <summary><c>O_PATH</c> from &lt;fcntl.h&gt; (the asm-generic value, which x86-64 and arm64 use).</summary>
    public const int OPath = 0x200000;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int unshare(int flags);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int open(string path, int flags);

    /// <summary>
    /// The calls a thread makes while it is inside a view, for one spawn. Plain blittable imports with no error
    /// marshalling: an optimized caller calls them directly (the JIT inlines the transition), or else through an
    /// interop stub that <see cref="Marshal.PrelinkAll"/> binds and compiles beforehand, fully optimized and never
    /// recompiled. No generated managed wrapper runs that the runtime could count calls of, promote, or start a thread
    /// from. The caller reads errno itself (<c>*__errno_location()</c>) right after a call failed.
    /// </summary>
    internal static class Raw
    {
#pragma warning disable SYSLIB1054 // LibraryImport would put a generated managed wrapper between the caller and libc
        [DllImport(Library, EntryPoint = "unshare", ExactSpelling = true)]
        public static extern int unshare(int flags);

        [DllImport(Library, EntryPoint = "fchdir", ExactSpelling = true)]
        public static extern int fchdir(int fd);

        [DllImport(Library, EntryPoint = "setns", ExactSpelling = true)]
        public static extern int setns(int fd, int nstype);

        [DllImport(Library, EntryPoint = "chroot", ExactSpelling = true)]
        public static extern int chroot(byte* path);

        [DllImport(Library, EntryPoint = "chdir", ExactSpelling = true)]
        public static extern int chdir(byte* path);

        [DllImport(Library, EntryPoint = "statx", ExactSpelling = true)]
        public static extern int statx(int dirfd, byte* path, int flags, uint mask, byte* buffer);

        [DllImport(Library, EntryPoint = "posix_spawn", ExactSpelling = true)]
        public static extern int posix_spawn(int* pid, byte* path, byte* fileActions, byte* attr, byte** argv, byte** envp);

        [DllImport(Library, EntryPoint = "__errno_location", ExactSpelling = true)]
        public static extern int* __errno_location();
#pragma warning restore SYSLIB1054
    }
}

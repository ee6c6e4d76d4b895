using System.Runtime.InteropServices;
using GoSynth.Environment.Internal.Native;

namespace GoSynth.Environment.Internal;

/// <summary>The Linux calls a thread needs to step into another process's mount namespace and root for one spawn (see <see cref="Processes.MountNamespace"/>).</summary>
internal static unsafe partial class LibC
{
    // The values come from the native table (NativeConstants), which a test checks against the C headers. The crossing
    // itself reads none of these: it gets them in its Crossing, copied on the host (see Crossing.Constants).

    /// <summary><c>CLONE_FS</c> from &lt;sched.h&gt;: the file-system context (root, working directory, umask).</summary>
    public static int CloneFs => NativeConstants.CloneFs.Int;

    /// <summary><c>O_PATH</c> from &lt;fcntl.h&gt;.</summary>
    public static int OPath => NativeConstants.OPath.Int;

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

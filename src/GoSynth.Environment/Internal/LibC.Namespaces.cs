using System.Runtime.InteropServices;

namespace GoSynth.Environment.Internal;

/// <summary>The Linux calls a thread needs to join another process's mount namespace and root (see <see cref="Processes.MountNamespace"/>).</summary>
internal static partial class LibC
{
    /// <summary><c>CLONE_FS</c> from &lt;sched.h&gt;: the file-system context (root, working directory, umask). Linux only; the value is the kernel ABI on every architecture.</summary>
    public const int CloneFs = 0x00000200;

    /// <summary><c>CLONE_NEWNS</c> from &lt;sched.h&gt;: the mount namespace. Linux only; the value is the kernel ABI on every architecture.</summary>
    public const int CloneNewNs = 0x00020000;

    /// <summary><c>CLONE_NEWPID</c> from &lt;sched.h&gt;: the PID namespace. Linux only; the value is the kernel ABI on every architecture.</summary>
    public const int CloneNewPid = 0x20000000;

    [LibraryImport(Library, SetLastError = true)]
    public static partial int unshare(int flags);

    [LibraryImport(Library, SetLastError = true)]
    public static partial int setns(int fd, int nstype);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chroot(string path);

    [LibraryImport(Library, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int chdir(string path);
}

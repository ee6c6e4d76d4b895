using System.Runtime.InteropServices;
using System.Text;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>The directory-relative libc calls (<c>openat</c>, <c>mkdirat</c>, <c>renameat2</c>, …) that let the installer
/// walk below a root one component at a time without ever letting the kernel follow a symlink for it.</summary>
internal static partial class LinuxFs
{
    private const string Library = "libc";

    public const int ENOENT = 2;
    public const int EEXIST = 17;
    public const int EXDEV = 18;
    public const int ENOTDIR = 20;
    public const int EISDIR = 21;
    public const int EINVAL = 22;
    public const int ENOTEMPTY = 39;
    public const int ELOOP = 40;
    public const int ENOSYS = 38;

    public const int EWOULDBLOCK = 11;

    public const int AtRemoveDir = 0x200;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    public const int LockExclusive = 2;
    public const int LockNonBlocking = 4;
    public const int ORdWr = 0x2;
    public const uint RenameNoReplace = 1;

    public const int OWrOnly = 0x1;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int OCloExec = 0x80000;
    public const int OPath = 0x200000;

    /// <summary>Whether this process can use these calls (Linux on an architecture whose open flags are known).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture is
        Architecture.X64 or Architecture.X86 or Architecture.Arm64 or Architecture.Arm or Architecture.RiscV64 or Architecture.LoongArch64;

    // O_DIRECTORY and O_NOFOLLOW differ between architectures (asm-generic vs arm/arm64 <asm/fcntl.h>).
    private static bool ArmFlags => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public static int ODirectory => ArmFlags ? 0x4000 : 0x10000;

    public static int ONoFollow => ArmFlags ? 0x8000 : 0x20000;

    /// <summary>Flags to open a directory handle for further <c>*at</c> calls, refusing a symlink as the last component.</summary>
    public static int DirectoryHandleFlags => OPath | ODirectory | ONoFollow | OCloExec;

    [LibraryImport(Library, EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int OpenAtRaw(int dirFd, string path, int flags, int mode);

    [LibraryImport(Library, EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirAtRaw(int dirFd, string path, int mode);

    [LibraryImport(Library, EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkAtRaw(int dirFd, string path, int flags);

    [LibraryImport(Library, EntryPoint = "symlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SymlinkAtRaw(string target, int dirFd, string path);

    [LibraryImport(Library, EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2Raw(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport(Library, EntryPoint = "linkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkAtRaw(int oldDirFd, string oldPath, int newDirFd, string newPath, int flags);

    [LibraryImport(Library, EntryPoint = "readlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint ReadLinkAtRaw(int dirFd, string path, byte[] buffer, nint size);

    [LibraryImport(Library, EntryPoint = "fchownat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FChownAtRaw(int dirFd, string path, int owner, int group, int flags);

    [LibraryImport(Library, EntryPoint = "fchown", SetLastError = true)]
    private static partial int FChownRaw(int fd, int owner, int group);

    [LibraryImport(Library, EntryPoint = "flock", SetLastError = true)]
    private static partial int FlockRaw(int fd, int operation);

    [LibraryImport(Library, EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxRaw(int dirFd, string path, int flags, uint mask, byte[] buffer);

    [LibraryImport(Library, EntryPoint = "close")]
    private static partial int CloseRaw(int fd);

    /// <summary>openat(2); returns the descriptor or -errno.</summary>
    public static int OpenAt(int dirFd, string path, int flags, int mode = 0)
    {
        int fd;
        do
        {
            fd = OpenAtRaw(dirFd, path, flags, mode);
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == 4);

        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>mkdirat(2); 0 or -errno.</summary>
    public static int MkdirAt(int dirFd, string name, int mode) => Result(MkdirAtRaw(dirFd, name, mode));

    /// <summary>unlinkat(2); 0 or -errno.</summary>
    public static int UnlinkAt(int dirFd, string name, int flags) => Result(UnlinkAtRaw(dirFd, name, flags));

    /// <summary>symlinkat(2); 0 or -errno.</summary>
    public static int SymlinkAt(string target, int dirFd, string name) => Result(SymlinkAtRaw(target, dirFd, name));

    /// <summary>renameat2(2), falling back to a checked plain rename where the filesystem lacks RENAME_NOREPLACE; 0 or -errno.</summary>
    public static int RenameAt(int oldDirFd, string oldName, int newDirFd, string newName, bool noReplace)
    {
        var r = Result(RenameAt2Raw(oldDirFd, oldName, newDirFd, newName, noReplace ? RenameNoReplace : 0));
        if ((r == -EINVAL || r == -ENOSYS) && noReplace)
        {
            if (OpenAt(newDirFd, newName, OPath | ONoFollow | OCloExec) is var fd && fd >= 0)
            {
                Close(fd);
                return -EEXIST;
            }

            r = Result(RenameAt2Raw(oldDirFd, oldName, newDirFd, newName, 0));
        }

        return r;
    }

    /// <summary>linkat(2) without following symlinks; 0 or -errno.</summary>
    public static int LinkAt(int oldDirFd, string oldName, int newDirFd, string newName) =>
        Result(LinkAtRaw(oldDirFd, oldName, newDirFd, newName, 0));

    /// <summary>readlinkat(2): the target text, or null when the entry is not a symlink (or does not exist).</summary>
    public static string? ReadLinkAt(int dirFd, string name)
    {
        var buffer = new byte[4096];
        var n = ReadLinkAtRaw(dirFd, name, buffer, buffer.Length);
        return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
    }

    /// <summary>fchownat(2) on the entry itself, never following a symlink (<c>AT_SYMLINK_NOFOLLOW</c>); 0 or -errno.</summary>
    public static int LChownAt(int dirFd, string name, int uid, int gid) => Result(FChownAtRaw(dirFd, name, uid, gid, AtSymlinkNoFollow));

    /// <summary>fchown(2) on an open file; 0 or -errno.</summary>
    public static int FChown(int fd, int uid, int gid) => Result(FChownRaw(fd, uid, gid));

    /// <summary>flock(2), retried when interrupted; 0 or -errno (-EWOULDBLOCK when another holds it and non-blocking was asked).</summary>
    public static int Flock(int fd, int operation)
    {
        int r;
        do
        {
            r = FlockRaw(fd, operation);
        }
        while (r < 0 && Marshal.GetLastPInvokeError() == 4);

        return Result(r);
    }

    /// <summary>The link count of an open file (statx with <c>AT_EMPTY_PATH</c>), or -errno: 0 once its last name is gone.</summary>
    public static long LinkCount(int fd)
    {
        // struct statx: stx_mask (u32) stx_blksize (u32) stx_attributes (u64) stx_nlink (u32) ...; 256 bytes on every architecture.
        const uint StatxNlink = 0x4;
        var buffer = new byte[256];
        var r = StatxRaw(fd, "", AtEmptyPath, StatxNlink, buffer);
        return r < 0 ? -Marshal.GetLastPInvokeError() : BitConverter.ToUInt32(buffer, 16);
    }

    public static void Close(int fd)
    {
        if (fd >= 0)
        {
            _ = CloseRaw(fd);
        }
    }

    /// <summary>An <see cref="IOException"/> for a failed call, with the system's text for the error.</summary>
    public static IOException Error(int negativeErrno, string what) =>
        new($"{what}: {Marshal.GetPInvokeErrorMessage(-negativeErrno)}", -negativeErrno);

    private static int Result(int r) => r >= 0 ? r : -Marshal.GetLastPInvokeError();
}

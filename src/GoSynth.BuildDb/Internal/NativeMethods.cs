using System.Runtime.InteropServices;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// The few POSIX calls .NET does not expose: opening a file without taking .NET's advisory lock (to read the lock
/// holder's name), fsync of a directory (to make a rename durable), and a lock on the database file itself.
/// </summary>
internal static partial class NativeMethods
{
    private const int ReadOnly = 0;
    private const int ReadOnlyFileSystem = 30;
    private const int LinuxWouldBlock = 11;
    private const int BsdWouldBlock = 35;
    private const int LinuxAccessDenied = 13;
    private const int OfdSetLock = 37;
    private const short WriteLock = 1;

    /// <summary>True when <paramref name="ex"/> says the file system is mounted read-only (EROFS).</summary>
    public static bool IsReadOnlyFileSystem(IOException ex) => !OperatingSystem.IsWindows() && ex.HResult == ReadOnlyFileSystem;

    /// <summary>True when <paramref name="ex"/> is .NET's sharing violation: a lock held by another open file.</summary>
    public static bool IsWouldBlock(IOException ex) =>
        OperatingSystem.IsWindows() || ex.HResult == (OperatingSystem.IsLinux() ? LinuxWouldBlock : BsdWouldBlock);

    /// <summary>
    /// Takes an exclusive open-file-description lock (Linux F_OFD_SETLK) on the whole of <paramref name="handle"/>'s
    /// file: held until the handle is closed or the process dies, and refused to any other open of the same file,
    /// whatever name it was opened by. It does not conflict with flock(2), which .NET takes for its own file sharing,
    /// so readers are never blocked. False when another open of the file holds it. Elsewhere (or on kernels without
    /// OFD locks) the lock file alone protects the database.
    /// </summary>
    public static bool TryLockFile(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var request = new FileLock { Type = WriteLock, Whence = 0, Start = 0, Length = 0 };
            if (Fcntl((int)handle.DangerousGetHandle(), OfdSetLock, ref request) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno is not (LinuxWouldBlock or LinuxAccessDenied);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    public static byte[]? ReadWithoutLocking(string path, int maxBytes)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var fd = Open(path, ReadOnly);
        if (fd < 0)
        {
            return null;
        }

        using var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        var buffer = new byte[maxBytes];
        var read = RandomAccess.Read(handle, buffer, 0);
        return buffer[..read];
    }

    /// <summary>Flushes a directory so a rename or create inside it is durable; no-op where unsupported.</summary>
    public static void FsyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            return;
        }

        try
        {
            if (FSync(fd) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"fsync of directory '{directory}' failed (errno {errno})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, ref FileLock request);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    /// <summary>struct flock of Linux on 64-bit targets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FileLock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }
}

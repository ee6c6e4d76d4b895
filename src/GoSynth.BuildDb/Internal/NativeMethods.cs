using System.Runtime.InteropServices;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// The few POSIX calls .NET does not expose: opening a file without taking .NET's advisory lock (to read the lock
/// holder's name) and fsync of a directory (to make a rename durable).
/// </summary>
internal static partial class NativeMethods
{
    private const int ReadOnly = 0;

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

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

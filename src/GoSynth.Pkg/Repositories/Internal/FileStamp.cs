using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// The stat data that tells whether a package file may have changed since it was last read, as git's index keeps it:
/// size, modification and status-change times in nanoseconds, inode and device. Read with Linux <c>statx(2)</c>,
/// whose layout the kernel ABI fixes on every architecture; elsewhere <see cref="IsSupported"/> is false and callers
/// read every file.
/// </summary>
/// <param name="Size">File size in bytes.</param>
/// <param name="MtimeNs">Modification time, nanoseconds since the epoch.</param>
/// <param name="CtimeNs">Status change time, nanoseconds since the epoch (changes on any write, chmod, rename in or link).</param>
/// <param name="Inode">Inode number.</param>
/// <param name="Device">Device (major in the high 32 bits, minor in the low).</param>
/// <param name="Uid">Owner.</param>
/// <param name="Mode">Type and permission bits.</param>
internal readonly partial record struct FileStamp(long Size, long MtimeNs, long CtimeNs, ulong Inode, ulong Device, uint Uid, int Mode)
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint BasicStats = 0x7ff;
    private const int BufferSize = 256;

    /// <summary>File type bits (<c>S_IFMT</c>) and a regular file (<c>S_IFREG</c>).</summary>
    public const int TypeMask = 0xF000;

    /// <summary>A regular file.</summary>
    public const int RegularFile = 0x8000;

    /// <summary>Whether stat data can be read here (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>True when size, times, inode and device are all equal (owner and mode are not compared: a chmod moves
    /// the ctime anyway).</summary>
    public bool SameFile(in FileStamp other) =>
        Size == other.Size && MtimeNs == other.MtimeNs && CtimeNs == other.CtimeNs && Inode == other.Inode && Device == other.Device;

    /// <summary>The stat data of <paramref name="path"/>, following symlinks; null when it cannot be read (the caller
    /// then reads the file and reports what opening it says).</summary>
    public static unsafe FileStamp? Of(string path)
    {
        var buffer = stackalloc byte[BufferSize];
        return Statx(AtFdCwd, path, 0, BasicStats, buffer) == 0 ? Parse(buffer) : null;
    }

    /// <summary>The stat data of an open file.</summary>
    /// <exception cref="IOException">statx failed.</exception>
    public static unsafe FileStamp Of(SafeFileHandle handle)
    {
        var buffer = stackalloc byte[BufferSize];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            if (Statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, BasicStats, buffer) != 0)
            {
                throw new IOException($"cannot read the status of an open file: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        return Parse(buffer);
    }

    // struct statx: stx_uid @20 (u32), stx_mode @28 (u16), stx_ino @32, stx_size @40, stx_ctime @96 and stx_mtime
    // @112 ({i64 tv_sec, u32 tv_nsec}), stx_dev_major @136, stx_dev_minor @140.
    private static unsafe FileStamp Parse(byte* b) => new(
        *(long*)(b + 40),
        Nanoseconds(b + 112),
        Nanoseconds(b + 96),
        *(ulong*)(b + 32),
        ((ulong)*(uint*)(b + 136) << 32) | *(uint*)(b + 140),
        *(uint*)(b + 20),
        *(ushort*)(b + 28));

    private static unsafe long Nanoseconds(byte* timestamp) => (*(long*)timestamp * 1_000_000_000L) + *(uint*)(timestamp + 8);

    /// <summary>The effective user id of this process.</summary>
    public static uint EffectiveUserId => GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirFd, string path, int flags, uint mask, byte* buffer);
}

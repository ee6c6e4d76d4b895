using System.Runtime.InteropServices;
using GoSynth.Environment.Files;
using GoSynth.Environment.Internal.Native;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Environment.Internal;

/// <summary>
/// The system calls behind <see cref="FileStatus"/>. On Linux, <c>statx(2)</c> through libc: its record's layout is fixed
/// by the kernel's ABI, the same on every architecture. Elsewhere on Unix, the .NET runtime's own shim
/// (<c>SystemNative_LStat</c>/<c>SystemNative_Stat</c>, the calls <see cref="FileSystemInfo"/> makes), whose record has
/// one layout on every system the runtime supports (see <see cref="NativeFileStatus"/>), unlike libc's
/// <c>struct stat</c>. One call per file either way.
/// </summary>
internal static unsafe partial class FileStatusReader
{
    private const int BufferSize = 512;

    // struct statx (include/uapi/linux/stat.h); a statx_timestamp is { s64 tv_sec; u32 tv_nsec; s32 reserved; }.
    private const int StatxUid = 20;
    private const int StatxGid = 24;
    private const int StatxMode = 28;
    private const int StatxIno = 32;
    private const int StatxSize = 40;
    private const int StatxCtime = 96;
    private const int StatxMtime = 112;
    private const uint StatxBasicStats = 0x7FF;

    // AT_EMPTY_PATH (the same value on every Linux architecture): statx of the descriptor itself.
    private const int AtEmptyPath = 0x1000;

    // The runtime shim's FileStatus record (src/native/libs/System.Native/pal_io.h).
    private const int ShimMode = 4;
    private const int ShimUid = 8;
    private const int ShimGid = 12;
    private const int ShimSize = 16;
    private const int ShimMTime = 40;
    private const int ShimMTimeNsec = 48;
    private const int ShimCTime = 56;
    private const int ShimCTimeNsec = 64;
    private const int ShimDev = 88;
    private const int ShimIno = 104;

    private const long NanosecondsPerSecond = 1_000_000_000;

    public static bool IsSupported { get; } = !OperatingSystem.IsWindows();

    public static bool TryRead(string path, bool followLinks, out FileStatus status)
    {
        status = default;
        if (!IsSupported || path.Length == 0)
        {
            return false;
        }

        var buffer = stackalloc byte[BufferSize];
        if (NativeConstants.Os == NativeOs.Linux)
        {
            var flags = followLinks ? 0 : NativeConstants.AtSymlinkNoFollow.Int;
            if (statx(NativeConstants.AtFdCwd.Int, path, flags, StatxBasicStats, buffer) != 0)
            {
                return false;
            }

            status = FromStatx(buffer);
            return true;
        }

        new Span<byte>(buffer, BufferSize).Clear();
        if ((followLinks ? SystemNativeStat(path, buffer) : SystemNativeLStat(path, buffer)) != 0)
        {
            return false;
        }

        status = FromShim(buffer);
        return true;
    }

    public static bool TryRead(SafeFileHandle handle, out FileStatus status)
    {
        status = default;
        if (!IsSupported || handle.IsInvalid || handle.IsClosed)
        {
            return false;
        }

        var buffer = stackalloc byte[BufferSize];
        var added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            var fd = (int)handle.DangerousGetHandle();
            if (NativeConstants.Os == NativeOs.Linux)
            {
                if (statx(fd, "", AtEmptyPath, StatxBasicStats, buffer) != 0)
                {
                    return false;
                }

                status = FromStatx(buffer);
                return true;
            }

            new Span<byte>(buffer, BufferSize).Clear();
            if (SystemNativeFStat(handle, buffer) != 0)
            {
                return false;
            }

            status = FromShim(buffer);
            return true;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileStatus FromStatx(byte* buffer) => new(
        Mode: *(ushort*)(buffer + StatxMode),
        UserId: *(uint*)(buffer + StatxUid),
        GroupId: *(uint*)(buffer + StatxGid),
        Size: *(long*)(buffer + StatxSize),
        ModifiedNanoseconds: Timestamp(buffer + StatxMtime),
        ChangedNanoseconds: Timestamp(buffer + StatxCtime),
        Inode: *(ulong*)(buffer + StatxIno),
        Device: ((ulong)*(uint*)(buffer + NativeConstants.StatxDevMajor.Int) << 32) | *(uint*)(buffer + NativeConstants.StatxDevMinor.Int));

    private static FileStatus FromShim(byte* buffer) => new(
        Mode: *(int*)(buffer + ShimMode),
        UserId: *(uint*)(buffer + ShimUid),
        GroupId: *(uint*)(buffer + ShimGid),
        Size: *(long*)(buffer + ShimSize),
        ModifiedNanoseconds: (*(long*)(buffer + ShimMTime) * NanosecondsPerSecond) + *(long*)(buffer + ShimMTimeNsec),
        ChangedNanoseconds: (*(long*)(buffer + ShimCTime) * NanosecondsPerSecond) + *(long*)(buffer + ShimCTimeNsec),
        Inode: *(ulong*)(buffer + ShimIno),
        Device: *(ulong*)(buffer + ShimDev));

    private static long Timestamp(byte* at) => (*(long*)at * NanosecondsPerSecond) + *(uint*)(at + 8);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SystemNativeLStat(string path, byte* output);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
    private static partial int SystemNativeFStat(SafeHandle fd, byte* output);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SystemNativeStat(string path, byte* output);
}

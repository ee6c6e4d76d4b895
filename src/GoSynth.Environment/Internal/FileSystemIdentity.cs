using System.Runtime.InteropServices;
using GoSynth.Environment.Internal.Native;

namespace GoSynth.Environment.Internal;

/// <summary>
/// Which mount a path (not followed when a symlink) lives on: its device id and, on Linux 5.8 and later, its mount id.
/// A bind mount of a directory of the same filesystem has the same device id but a different mount id, so comparing
/// both catches every mount point a recursive delete could otherwise walk into.
/// </summary>
internal static unsafe partial class FileSystemIdentity
{
    private const int BufferSize = 512;

    /// <summary>The identity of <paramref name="path"/>, or null when it cannot be read (gone, no permission, unknown system).</summary>
    public static (ulong Device, ulong? MountId)? Of(string path)
    {
        var buffer = stackalloc byte[BufferSize];
        new Span<byte>(buffer, BufferSize).Clear();
        switch (NativeConstants.Os)
        {
            case NativeOs.Linux:
                if (statx(NativeConstants.AtFdCwd.Int, path, NativeConstants.AtSymlinkNoFollow.Int, (uint)NativeConstants.StatxMntId.Int, buffer) != 0)
                {
                    return null;
                }

                var major = *(uint*)(buffer + NativeConstants.StatxDevMajor.Int);
                var minor = *(uint*)(buffer + NativeConstants.StatxDevMinor.Int);
                var mask = *(uint*)(buffer + NativeConstants.StatxMask.Int);
                ulong? mountId = (mask & (uint)NativeConstants.StatxMntId.Int) != 0 ? *(ulong*)(buffer + NativeConstants.StatxMntIdOffset.Int) : null;
                return (((ulong)major << 32) | minor, mountId);
            case NativeOs.FreeBsd:
            case NativeOs.DragonFly:
                if (lstat(path, buffer) != 0)
                {
                    return null;
                }

                var at = buffer + NativeConstants.StatDevOffset.Int;
                return (NativeConstants.StatDevSize.Int == 8 ? *(ulong*)at : *(uint*)at, null);
            default:
                return null;
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int lstat(string path, byte* buffer);
}

using GoSynth.Environment.Files;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// The stat data that tells whether a package file may have changed since it was last read, as git's index keeps it:
/// size, modification and status-change times in nanoseconds, inode and device, read with <see cref="FileStatus"/>
/// (one system call per file). Where <see cref="FileStatus.IsSupported"/> is false, callers read every file.
/// </summary>
/// <param name="Size">File size in bytes.</param>
/// <param name="MtimeNs">Modification time, nanoseconds since the epoch.</param>
/// <param name="CtimeNs">Status change time, nanoseconds since the epoch (changes on any write, chmod, rename in or link).</param>
/// <param name="Inode">Inode number.</param>
/// <param name="Device">Device id.</param>
internal readonly record struct FileStamp(long Size, long MtimeNs, long CtimeNs, ulong Inode, ulong Device)
{
    /// <summary>Whether stat data can be read here.</summary>
    public static bool IsSupported => FileStatus.IsSupported;

    /// <summary>The stamp of what <paramref name="status"/> says.</summary>
    public static FileStamp From(in FileStatus status) =>
        new(status.Size, status.ModifiedNanoseconds, status.ChangedNanoseconds, status.Inode, status.Device);

    /// <summary>The stat data of <paramref name="path"/>, following symlinks; null when it cannot be read (the caller
    /// then reads the file and reports what opening it says).</summary>
    public static FileStamp? Of(string path) => FileStatus.TryGet(path, followLinks: true, out var status) ? From(status) : null;

    /// <summary>The stat data of an open file.</summary>
    /// <exception cref="IOException">The status cannot be read.</exception>
    public static FileStamp Of(SafeFileHandle handle) => From(StatusOf(handle));

    /// <summary>The full status of an open file.</summary>
    /// <exception cref="IOException">The status cannot be read.</exception>
    public static FileStatus StatusOf(SafeFileHandle handle) =>
        FileStatus.TryGet(handle, out var status) ? status : throw new IOException("cannot read the status of an open file");
}

using GoSynth.Environment.Internal;
using Microsoft.Win32.SafeHandles;

namespace GoSynth.Environment.Files;

/// <summary>
/// What one <c>stat</c> call says about a file: its type and permission bits, owner, size, modification and status-change
/// times with nanoseconds, inode and device. Read with a single system call per file (<c>statx</c> on Linux, the
/// runtime's own <c>lstat</c>/<c>stat</c> shim on the BSDs), for callers that stat many files and must notice any change
/// to one of them, as git's index does: a file rewritten with the same size and its old modification time set back still
/// has a new status-change time, and a file replaced by a rename has a new inode.
/// </summary>
/// <param name="Mode">The <c>st_mode</c> bits: the file type (<see cref="TypeMask"/>) and the permission bits.</param>
/// <param name="UserId">The owner's user id.</param>
/// <param name="GroupId">The owner's group id.</param>
/// <param name="Size">The size in bytes (for a symbolic link, the length of its target text).</param>
/// <param name="ModifiedNanoseconds">The modification time, in nanoseconds since the Unix epoch.</param>
/// <param name="ChangedNanoseconds">The status-change time (<c>ctime</c>), in nanoseconds since the Unix epoch.</param>
/// <param name="Inode">The inode number.</param>
/// <param name="Device">The id of the device holding the file.</param>
public readonly record struct FileStatus(
    int Mode,
    uint UserId,
    uint GroupId,
    long Size,
    long ModifiedNanoseconds,
    long ChangedNanoseconds,
    ulong Inode,
    ulong Device)
{
    /// <summary>The file type bits of <see cref="Mode"/> (<c>S_IFMT</c>, the same on Linux and the BSDs).</summary>
    public const int TypeMask = 0xF000;

    private const int RegularType = 0x8000;
    private const int DirectoryType = 0x4000;
    private const int SymbolicLinkType = 0xA000;

    /// <summary>True for a regular file.</summary>
    public bool IsRegularFile => (Mode & TypeMask) == RegularType;

    /// <summary>True for a directory.</summary>
    public bool IsDirectory => (Mode & TypeMask) == DirectoryType;

    /// <summary>True for a symbolic link (only seen when links are not followed).</summary>
    public bool IsSymbolicLink => (Mode & TypeMask) == SymbolicLinkType;

    /// <summary>True when this system can read file status this way (Linux, FreeBSD, DragonFly, macOS; not Windows).</summary>
    public static bool IsSupported => FileStatusReader.IsSupported;

    /// <summary>
    /// Reads the status of <paramref name="path"/> with one system call. With <paramref name="followLinks"/> false (as
    /// <c>lstat</c>) a symbolic link describes itself; with true (as <c>stat</c>) it describes the file it points to.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="followLinks">Whether a symbolic link is followed.</param>
    /// <param name="status">The status, when the call succeeded.</param>
    /// <returns>False when the file does not exist, cannot be examined, or <see cref="IsSupported"/> is false.</returns>
    public static bool TryGet(string path, bool followLinks, out FileStatus status)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FileStatusReader.TryRead(path, followLinks, out status);
    }

    /// <summary>
    /// Reads the status of an open file with one system call (<c>statx</c> of the descriptor on Linux, <c>fstat</c>
    /// elsewhere), so what is examined is the file that was opened, not whatever the path names a moment later.
    /// </summary>
    /// <param name="handle">The open file.</param>
    /// <param name="status">The status, when the call succeeded.</param>
    /// <returns>False when the handle is closed or invalid, the call failed, or <see cref="IsSupported"/> is false.</returns>
    public static bool TryGet(SafeFileHandle handle, out FileStatus status)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return FileStatusReader.TryRead(handle, out status);
    }
}

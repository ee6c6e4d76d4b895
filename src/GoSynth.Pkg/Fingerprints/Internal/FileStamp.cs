using GoSynth.Environment.Files;

namespace GoSynth.Pkg.Fingerprints.Internal;

/// <summary>
/// The stat data of one file as a fingerprint saw it, git-index style: size, modification and status-change times with
/// nanoseconds, inode, device and mode. A file whose current status equals all of them is taken to have the same
/// contents (unless its stamp is racy, see <see cref="FingerprintStamp.Racy"/>).
/// </summary>
/// <param name="Name">The path below the fingerprinted directory ('/' separated); empty for a single file.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="ModifiedNanoseconds">The modification time, ns since the epoch.</param>
/// <param name="ChangedNanoseconds">The status-change time, ns since the epoch.</param>
/// <param name="Inode">The inode number.</param>
/// <param name="Device">The device id.</param>
/// <param name="Mode">The type and permission bits.</param>
internal readonly record struct FileStamp(string Name, long Size, long ModifiedNanoseconds, long ChangedNanoseconds, ulong Inode, ulong Device, int Mode)
{
    public static FileStamp Of(string name, in FileStatus status) =>
        new(name, status.Size, status.ModifiedNanoseconds, status.ChangedNanoseconds, status.Inode, status.Device, status.Mode);

    /// <summary>The later of the two times: what the racy rule compares.</summary>
    public long Newest => Math.Max(ModifiedNanoseconds, ChangedNanoseconds);

    public bool Matches(in FileStatus status) =>
        Size == status.Size && ModifiedNanoseconds == status.ModifiedNanoseconds && ChangedNanoseconds == status.ChangedNanoseconds
        && Inode == status.Inode && Device == status.Device && Mode == status.Mode;
}

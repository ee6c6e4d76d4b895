namespace GoSynth.Pkg.Packages;

/// <summary>One payload entry of a package archive, as its tar header describes it.</summary>
/// <param name="Name">The entry name as stored (pkg stores absolute paths, <c>/usr/local/bin/x</c>).</param>
/// <param name="Kind">File, directory, symlink, hard link or other.</param>
/// <param name="Length">Data length in bytes (0 for links and directories).</param>
/// <param name="Permissions">Permission bits including setuid/setgid/sticky (<c>0x1ED</c> = 0755).</param>
/// <param name="ModificationTime">Modification time.</param>
/// <param name="LinkTarget">Symlink or hard link target, else <see langword="null"/>.</param>
/// <param name="UName">Owner name in the header.</param>
/// <param name="GName">Group name in the header.</param>
public sealed record PackageEntry(
    string Name,
    PackageEntryKind Kind,
    long Length,
    int Permissions,
    DateTimeOffset ModificationTime,
    string? LinkTarget,
    string UName,
    string GName);

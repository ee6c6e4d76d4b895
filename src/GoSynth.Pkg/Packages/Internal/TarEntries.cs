using System.Formats.Tar;
using System.Text;

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>Builds tar entries the way pkg's libarchive writer does (pax_restricted): plain ustar when the name
/// fits, pax only when it must; owner root/wheel with ids 0.</summary>
internal static class TarEntries
{
    public static PosixTarEntry Create(TarEntryType type, string name, int mode, DateTimeOffset mtime, string? linkName = null)
    {
        var ustar = FitsUstar(name) && (linkName is null || (linkName.Length <= 100 && linkName.All(c => c < 0x80)));
        PosixTarEntry entry = ustar ? new UstarTarEntry(type, name) : new PaxTarEntry(type, name);
        entry.Mode = (UnixFileMode)(mode & 0xFFF);
        entry.ModificationTime = mtime;
        entry.Uid = 0;
        entry.Gid = 0;
        entry.UserName = "root";
        entry.GroupName = "wheel";
        if (linkName is not null)
        {
            entry.LinkName = linkName;
        }

        return entry;
    }

    /// <summary>ustar holds a name of up to 100 bytes, or a 155-byte prefix and a 100-byte name split at a '/'.</summary>
    public static bool FitsUstar(string name)
    {
        foreach (var c in name)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        var length = Encoding.ASCII.GetByteCount(name);
        if (length <= 100)
        {
            return true;
        }

        for (var i = name.Length - 1; i > 0; i--)
        {
            if (name[i] == '/' && i <= 155 && name.Length - i - 1 <= 100 && name.Length - i - 1 > 0)
            {
                return true;
            }
        }

        return false;
    }
}

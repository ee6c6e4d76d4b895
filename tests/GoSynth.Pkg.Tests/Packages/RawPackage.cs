using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using ZstdSharp;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>Builds hand-made (possibly hostile or broken) package archives for bad-input tests.</summary>
internal sealed class RawPackage
{
    private readonly List<(string Name, TarEntryType Type, byte[] Data, string? Link)> _entries = [];

    public string? Manifest { get; set; }

    public static string Sum(string content) => "1$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public RawPackage File(string name, string content)
    {
        _entries.Add((name, TarEntryType.RegularFile, Encoding.UTF8.GetBytes(content), null));
        return this;
    }

    public RawPackage Symlink(string name, string target)
    {
        _entries.Add((name, TarEntryType.SymbolicLink, [], target));
        return this;
    }

    /// <summary>A manifest listing <paramref name="files"/> (path → sum) in the legacy form.</summary>
    public static string ManifestFor(params (string Path, string Sum)[] files) =>
        "{\"name\":\"evil\",\"origin\":\"misc/evil\",\"version\":\"1.0\",\"flatsize\":1,\"files\":{"
        + string.Join(',', files.Select(f => $"\"{f.Path}\":\"{f.Sum}\"")) + "}}";

    public void Write(string path, bool compress = true)
    {
        using var file = System.IO.File.Create(path);
        using Stream output = compress ? new CompressionStream(file, 3) : file;
        using (var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            if (Manifest is not null)
            {
                var m = new UstarTarEntry(TarEntryType.RegularFile, "+MANIFEST") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Manifest)) };
                tar.WriteEntry(m);
            }

            foreach (var (name, type, data, link) in _entries)
            {
                var e = new UstarTarEntry(type, name) { Mode = (UnixFileMode)0x1A4 };
                if (link is not null)
                {
                    e.LinkName = link;
                }
                else
                {
                    e.DataStream = new MemoryStream(data);
                }

                tar.WriteEntry(e);
            }
        }
    }
}

using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using ZstdSharp;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>Builds hand-made (possibly hostile or broken) package archives for bad-input tests.</summary>
internal sealed class RawPackage
{
    private readonly List<(string Name, TarEntryType Type, Func<Stream>? Data, string? Link, int Mode)> _entries = [];
    private readonly Dictionary<string, (int Uid, int Gid, string UName, string GName)> _owners = new(StringComparer.Ordinal);

    public string? Manifest { get; set; }

    /// <summary>Raw manifest bytes (wins over <see cref="Manifest"/>), e.g. invalid UTF-8.</summary>
    public byte[]? ManifestBytes { get; set; }

    /// <summary>A <c>+COMPACT_MANIFEST</c> member written first, when set.</summary>
    public string? CompactManifest { get; set; }

    public static string Sum(string content) => "1$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public RawPackage File(string name, string content, int mode = 0x1A4)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        _entries.Add((name, TarEntryType.RegularFile, () => new MemoryStream(bytes), null, mode));
        return this;
    }

    /// <summary>A regular entry of <paramref name="length"/> bytes from <paramref name="data"/> (not held in memory).</summary>
    public RawPackage LargeFile(string name, Func<Stream> data)
    {
        _entries.Add((name, TarEntryType.RegularFile, data, null, 0x1A4));
        return this;
    }

    public RawPackage Directory(string name, int mode)
    {
        _entries.Add((name, TarEntryType.Directory, null, null, mode));
        return this;
    }

    public RawPackage HardLink(string name, string target)
    {
        _entries.Add((name, TarEntryType.HardLink, null, target, 0x1A4));
        return this;
    }

    public RawPackage Symlink(string name, string target)
    {
        _entries.Add((name, TarEntryType.SymbolicLink, null, target, 0x1ED));
        return this;
    }

    /// <summary>Gives the entry <paramref name="name"/> these ids and names in its tar header (default 0:0, no names).</summary>
    public RawPackage Owner(string name, int uid, int gid, string uname = "", string gname = "")
    {
        _owners[name] = (uid, gid, uname, gname);
        return this;
    }

    /// <summary>A manifest listing <paramref name="files"/> (path → sum) in the legacy form, flatsize 4096.</summary>
    public static string ManifestFor(params (string Path, string Sum)[] files) => ManifestWith(4096, "", files);

    /// <summary>A legacy-form manifest with the given flatsize and extra top-level JSON (e.g. <c>,"directories":{…}</c>).</summary>
    public static string ManifestWith(long flatSize, string extra, params (string Path, string Sum)[] files) =>
        "{\"name\":\"evil\",\"origin\":\"misc/evil\",\"version\":\"1.0\",\"flatsize\":" + flatSize + ",\"files\":{"
        + string.Join(',', files.Select(f => $"\"{f.Path}\":\"{f.Sum}\"")) + "}" + extra + "}";

    public void Write(string path, bool compress = true) => Write(path, compress ? "zstd" : "none");

    /// <summary>Writes the archive compressed with <paramref name="compression"/>: none, zstd, gzip, xz or bzip2
    /// (xz and bzip2 through the host's tools).</summary>
    public void Write(string path, string compression)
    {
        if (compression is "xz" or "bzip2")
        {
            var tar = path + ".tar";
            Write(tar, "none");
            ToolRunner.RequireTools(compression);
            ToolRunner.Run(compression, "-z", "-k", "-f", tar);
            System.IO.File.Move(tar + (compression == "xz" ? ".xz" : ".bz2"), path, overwrite: true);
            System.IO.File.Delete(tar);
            return;
        }

        using var file = System.IO.File.Create(path);
        using Stream output = compression switch
        {
            "zstd" => new CompressionStream(file, 3),
            "gzip" => new GZipStream(file, CompressionLevel.Fastest),
            _ => file,
        };
        using (var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            if (CompactManifest is not null)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "+COMPACT_MANIFEST") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(CompactManifest)) });
            }

            if ((ManifestBytes ?? (Manifest is null ? null : Encoding.UTF8.GetBytes(Manifest))) is { } manifest)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "+MANIFEST") { DataStream = new MemoryStream(manifest) });
            }

            foreach (var (name, type, data, link, mode) in _entries)
            {
                var e = new UstarTarEntry(type, name) { Mode = (UnixFileMode)mode };
                if (_owners.TryGetValue(name, out var owner))
                {
                    (e.Uid, e.Gid, e.UserName, e.GroupName) = owner;
                }

                if (link is not null)
                {
                    e.LinkName = link;
                }

                using var content = data?.Invoke();
                if (content is not null)
                {
                    e.DataStream = content;
                }

                tar.WriteEntry(e);
            }
        }
    }
}

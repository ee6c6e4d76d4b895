using System.Formats.Tar;
using System.Text;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Repositories.Internal;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;
using ZstdSharp;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>Hand-made catalogs, catalog archives and packages (honest, hostile or broken) for the repository tests.</summary>
internal static class CatalogTestData
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The files a catalog rebuild writes at the repository's root.</summary>
    public static IReadOnlyList<string> CatalogFileNames { get; } = ["data.pkg", "packagesite.pkg", "meta.conf", "meta"];

    /// <summary>The bytes of every catalog file of <paramref name="repo"/>, by name.</summary>
    public static Dictionary<string, byte[]> CatalogBytes(string repo) =>
        CatalogFileNames.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(repo, n)));

    /// <summary>Two catalogs are the same byte for byte (an incremental rebuild against a full one).</summary>
    public static void AssertSameCatalog(Dictionary<string, byte[]> expected, Dictionary<string, byte[]> actual)
    {
        foreach (var name in CatalogFileNames)
        {
            Assert.True(expected[name].AsSpan().SequenceEqual(actual[name]), $"{name} differs");
        }
    }

    /// <summary>An entry in one line, every field that a rebuild decides.</summary>
    public static string Describe(CatalogEntry e) =>
        $"{e.Path} {e.RepoPath} {e.Sum} {e.PackageSize} {e.Manifest.Name} {e.Manifest.Version} {e.Manifest.Comment} {e.Manifest.Origin}";

    /// <summary>Lets the file system's clock move past the last change, so the next cache is not racy for it.</summary>
    public static Task SettleAsync() => Task.Delay(30, Ct);

    /// <summary>Writes <c>data.pkg</c> (and <c>meta.conf</c>) listing <paramref name="entries"/> as pkg would.</summary>
    public static async Task WriteCatalogAsync(string root, IEnumerable<CatalogEntry> entries)
    {
        var lines = entries.Select(RepositoryBuilder.ToCatalogJson).ToList();
        var data = Encoding.UTF8.GetBytes("{\"groups\":[],\"expired_packages\":[],\"packages\":[")
            .Concat(lines.SelectMany((l, i) => i == 0 ? l : [(byte)',', .. l]))
            .Concat("]}"u8.ToArray()).ToArray();
        await CatalogArchive.WriteAsync(Path.Combine(root, "data.pkg"), "data", data, [], 1, DateTimeOffset.UnixEpoch, Ct);
        await File.WriteAllBytesAsync(Path.Combine(root, "meta.conf"), MetaConf.Render(), Ct);
    }

    /// <summary>A zstd-compressed tar holding <paramref name="members"/> as they are.</summary>
    public static void WriteArchive(string path, params (string Name, byte[] Data)[] members)
    {
        using var file = File.Create(path);
        using var zstd = new CompressionStream(file, 3);
        using var tar = new TarWriter(zstd, TarEntryFormat.Ustar, leaveOpen: true);
        foreach (var (name, data) in members)
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data), Mode = (UnixFileMode)0x1A4 });
        }
    }

    /// <summary>A zstd-compressed stream of raw tar bytes: <paramref name="prefix"/> (whole members), then one member
    /// header claiming <paramref name="claimed"/> bytes followed by only <paramref name="content"/>.</summary>
    public static void WriteLyingArchive(string path, byte[] prefix, string name, long claimed, byte[] content)
    {
        using var file = File.Create(path);
        using var zstd = new CompressionStream(file, 3);
        zstd.Write(prefix);
        zstd.Write(UstarHeader(name, claimed));
        zstd.Write(content);
    }

    /// <summary>The raw tar bytes (no end marker) of whole regular-file members.</summary>
    public static byte[] RawMembers(params (string Name, byte[] Data)[] members)
    {
        var output = new MemoryStream();
        foreach (var (name, data) in members)
        {
            output.Write(UstarHeader(name, data.Length));
            output.Write(data);
            output.Write(new byte[(512 - (data.Length % 512)) % 512]);
        }

        return output.ToArray();
    }

    /// <summary>A package (zstd tar) with the given compact manifest, the same text as full manifest, and one file.</summary>
    public static void WritePackage(string path, string compactJson, string? fullJson = null)
    {
        WriteArchive(path,
            ("+COMPACT_MANIFEST", Encoding.UTF8.GetBytes(compactJson)),
            ("+MANIFEST", Encoding.UTF8.GetBytes(fullJson ?? compactJson)),
            ("/usr/local/share/doc/x", "x"u8.ToArray()));
    }

    public static byte[] UstarHeader(string name, long size)
    {
        var h = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(h, 0);
        Octal(h, 100, 8, 0x1A4);
        Octal(h, 108, 8, 0);
        Octal(h, 116, 8, 0);
        Octal(h, 124, 12, size);
        Octal(h, 136, 12, 0);
        h[156] = (byte)'0';
        "ustar\0"u8.CopyTo(h.AsSpan(257));
        "00"u8.CopyTo(h.AsSpan(263));
        "root"u8.CopyTo(h.AsSpan(265));
        "wheel"u8.CopyTo(h.AsSpan(297));
        h.AsSpan(148, 8).Fill((byte)' ');
        var sum = h.Sum(b => (int)b);
        var text = Convert.ToString(sum, 8).PadLeft(6, '0');
        Encoding.ASCII.GetBytes(text).CopyTo(h, 148);
        h[154] = 0;
        h[155] = (byte)' ';
        return h;
    }

    private static void Octal(byte[] h, int offset, int length, long value)
    {
        var text = Convert.ToString(value, 8).PadLeft(length - 1, '0');
        Encoding.ASCII.GetBytes(text).CopyTo(h, offset);
        h[offset + length - 1] = 0;
    }

    /// <summary>A repository directory with two real packages in All/, for signing tests.</summary>
    public static string NewRepository(TempDirectory dir)
    {
        var repo = Directory.CreateDirectory(dir.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repo, "All"));
        File.Copy(SampleData.Gcc, Path.Combine(repo, "All", "gcc-10_4.pkg"));
        File.Copy(SampleData.Indexinfo, Path.Combine(repo, "All", "indexinfo-0.3.1.pkg"));
        return repo;
    }

    /// <summary>The member names of a zstd-compressed catalog archive, in order.</summary>
    public static async Task<List<string>> MemberNamesAsync(string archivePath)
    {
        var names = new List<string>();
        await using var file = File.OpenRead(archivePath);
        await using var zstd = new DecompressionStream(file);
        await using var tar = new TarReader(zstd);
        while (await tar.GetNextEntryAsync(cancellationToken: Ct) is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }
}

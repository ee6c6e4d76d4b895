using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Tests.Packages;

public sealed class PackageReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadContentsAsync_XzPackageWithLegacyFilesMap_ReadsManifestAndEntries()
    {
        var contents = await PackageReader.ReadContentsAsync(SampleData.Indexinfo, Ct);

        Assert.Equal(PackageCompression.Xz, contents.Compression);
        var m = contents.Manifest;
        Assert.Equal(("indexinfo", "0.3.1", "print/indexinfo"), (m.Name, m.Version, m.Origin));
        Assert.Equal(13383, m.FlatSize);
        Assert.Equal("FreeBSD:12:amd64", m.Abi);
        Assert.Equal("1203000", m.GetAnnotation("FreeBSD_version"));
        Assert.Equal(PackageFilesForm.Legacy, m.FilesForm);
        Assert.Equal(4, m.Files.Count);
        Assert.Equal("/usr/local/bin/indexinfo", m.Files[0].Path);
        Assert.Equal("1$185a45522e1ec847d3a93c0aaef81070261eb3b2c9f1075c63b61e854be8c1aa", m.Files[0].Sum);
        Assert.Equal(["ports-mgmt", "print"], m.Categories);
        Assert.Empty(m.Dependencies);
        Assert.NotNull(contents.CompactManifest);
        Assert.Empty(contents.CompactManifest!.Files);
        Assert.Equal(m.Files.Select(f => f.Path), contents.Entries.Select(e => e.Name));
        var binary = contents.Entries[0];
        Assert.Equal((PackageEntryKind.File, 11688L, 0x1ED, "root", "wheel"), (binary.Kind, binary.Length, binary.Permissions, binary.UName, binary.GName));
        Assert.Equal(m.FlatSize, contents.Entries.Sum(e => e.Length));
    }

    [Fact]
    public async Task ReadContentsAsync_ZstdPackageWithObjectFilesMap_ReadsPermissionsMtimeAndMessages()
    {
        var contents = await PackageReader.ReadContentsAsync(SampleData.Csrutil, Ct);

        Assert.Equal(PackageCompression.Zstd, contents.Compression);
        var m = contents.Manifest;
        Assert.Equal(PackageFilesForm.Object, m.FilesForm);
        var binary = Assert.Single(m.Files, f => f.Path == "/usr/local/bin/csrutil");
        Assert.Equal(0x16D, binary.Permissions); // 0555
        Assert.Equal(("root", "wheel"), (binary.UName, binary.GName));
        Assert.Equal(1786653725, binary.ModificationTime);
        Assert.Contains(m.Files, f => f.Path == "/System/Library/Sandbox/rootless.conf");
        Assert.Equal(["libc.so.7"], m.ShlibsRequired);
        var message = Assert.Single(m.Messages);
        Assert.Equal("install", message.Type);
        Assert.Single(contents.CompactManifest!.Messages);
        Assert.Equal("single", m.LicenseLogic);
        Assert.Equal(["BSD3CLAUSE"], m.Licenses);
    }

    [Fact]
    public async Task ReadContentsAsync_SymlinkOnlyMetaPackage_ReadsLinksDepsAndWildcardAbi()
    {
        var contents = await PackageReader.ReadContentsAsync(SampleData.Gcc, Ct);

        var m = contents.Manifest;
        Assert.Equal("FreeBSD:12:*", m.Abi);
        Assert.Equal("freebsd:12:*", m.Arch);
        Assert.Equal(20, m.FlatSize);
        Assert.Equal(new PackageDependency("gcc10", "lang/gcc10", "10.3.0"), Assert.Single(m.Dependencies));
        Assert.Equal("cpe:2.3:a:gnu:gcc:10:::::freebsd12:x64:4", m.GetAnnotation("cpe"));
        Assert.Empty(m.Licenses);
        Assert.All(contents.Entries, e => Assert.Equal(PackageEntryKind.Symlink, e.Kind));
        Assert.Equal(["g++10", "gcc10", "gfortran10"], contents.Entries.Select(e => e.LinkTarget));
        foreach (var (entry, file) in contents.Entries.Zip(m.Files))
        {
            Assert.Equal(file.Sum, Checksums.ForSymlink(entry.LinkTarget!)); // pkg's symlink rule
        }

        Assert.Equal(m.FlatSize, contents.Entries.Sum(e => e.LinkTarget!.Length));
    }

    [Theory]
    [InlineData("indexinfo")]
    [InlineData("gcc")]
    [InlineData("csrutil")]
    public async Task Serializer_RealManifests_RoundTripByteForByte(string which)
    {
        var path = which switch { "indexinfo" => SampleData.Indexinfo, "gcc" => SampleData.Gcc, _ => SampleData.Csrutil };
        var (compact, full) = await RawMembersAsync(path);

        var parsed = PackageManifestSerializer.Parse(full, path, "+MANIFEST");

        Assert.Equal(System.Text.Encoding.UTF8.GetString(full), System.Text.Encoding.UTF8.GetString(PackageManifestSerializer.ToFullJson(parsed)));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(compact), System.Text.Encoding.UTF8.GetString(PackageManifestSerializer.ToCompactJson(parsed)));
    }

    [Fact]
    public async Task DetectCompression_RealPackages_SniffsContentNotName()
    {
        using var dir = new GoSynth.Testing.TempDirectory();
        var renamed = dir.Combine("indexinfo.tzst"); // the name lies: the content is xz
        File.Copy(SampleData.Indexinfo, renamed);

        Assert.Equal(PackageCompression.Xz, PackageReader.DetectCompression(renamed));
        Assert.Equal(PackageCompression.Zstd, PackageReader.DetectCompression(SampleData.Csrutil));
        Assert.Equal("indexinfo", (await PackageReader.ReadManifestAsync(renamed, Ct)).Name);
    }

    [Fact]
    public async Task ReadManifestAsync_PlainTarAndGzip_AreRead()
    {
        ToolRunner.RequireTools("xz", "gzip");
        using var dir = new GoSynth.Testing.TempDirectory();
        var tar = dir.Combine("indexinfo.tar");
        File.WriteAllBytes(tar, Decompress(SampleData.Indexinfo));
        var gz = dir.Combine("indexinfo.tgz");
        ToolRunner.Run("sh", "-c", $"gzip -c '{tar}' > '{gz}'");

        Assert.Equal(PackageCompression.None, PackageReader.DetectCompression(tar));
        Assert.Equal(PackageCompression.Gzip, PackageReader.DetectCompression(gz));
        Assert.Equal(13383, (await PackageReader.ReadManifestAsync(tar, Ct)).FlatSize);
        Assert.Equal(13383, (await PackageReader.ReadManifestAsync(gz, Ct)).FlatSize);
    }

    [Fact]
    public async Task ReadManifestAsync_Bzip2_IsRead()
    {
        ToolRunner.RequireTools("xz", "bzip2");
        using var dir = new GoSynth.Testing.TempDirectory();
        var tar = dir.Combine("gcc.tar");
        File.WriteAllBytes(tar, Decompress(SampleData.Gcc));
        var bz = dir.Combine("gcc.tbz");
        ToolRunner.Run("sh", "-c", $"bzip2 -c '{tar}' > '{bz}'");

        Assert.Equal(PackageCompression.Bzip2, PackageReader.DetectCompression(bz));
        Assert.Equal(3, (await PackageReader.ReadContentsAsync(bz, Ct)).Entries.Count);
    }

    [Fact]
    public void Parse_UclRelaxations_AreAccepted()
    {
        var m = PackageManifestSerializer.Parse(
            "{/* c */ \"name\":\"a\",\"version\":\"1\",\"flatsize\":\"12\",\"categories\":\"misc\",\"message\":\"hello\",\"desc\":\"caf%c3%a9 100%25\",}",
            "inline");

        Assert.Equal(12, m.FlatSize);
        Assert.Equal(["misc"], m.Categories);
        Assert.Equal("hello", Assert.Single(m.Messages).Text);
        Assert.Equal("café 100%", m.Description);
        Assert.Contains("\"desc\":\"caf%c3%a9 100%25\"", System.Text.Encoding.UTF8.GetString(PackageManifestSerializer.ToCompactJson(m)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name = \"a\"; version = \"1\";")]
    [InlineData("[1,2]")]
    [InlineData("{\"version\":\"1\"}")]
    [InlineData("{\"name\":\"a\",\"version\":\"1\",\"flatsize\":\"big\"}")]
    public void Parse_NotAManifest_ThrowsBadManifestNamingTheFile(string json)
    {
        var ex = Assert.Throws<PackageFormatException>(() => PackageManifestSerializer.Parse(System.Text.Encoding.UTF8.GetBytes(json), "x.pkg", "+MANIFEST"));

        Assert.Equal(PackageErrorKind.BadManifest, ex.Kind);
        Assert.Equal("x.pkg", ex.FilePath);
        Assert.Equal("+MANIFEST", ex.EntryName);
        Assert.Contains("x.pkg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForSymlink_AbsoluteTarget_HashesTextAfterSlashesPaddedWithNul()
    {
        var expected = "1$" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("a/b\0"u8));

        Assert.Equal(expected, Checksums.ForSymlink("/a/b"));
    }

    internal static async Task<(byte[] Compact, byte[] Full)> RawMembersAsync(string path)
    {
        byte[]? compact = null, full = null;
        var archive = await ArchiveReader.OpenFileAsync(path, Ct);
        await using (archive)
        {
            while (await archive.NextAsync(Ct) is { } entry && (compact is null || full is null))
            {
                if (entry.Name == "+COMPACT_MANIFEST")
                {
                    compact = await archive.ReadAllAsync(entry, Ct);
                }
                else if (entry.Name == "+MANIFEST")
                {
                    full = await archive.ReadAllAsync(entry, Ct);
                }
            }
        }

        return (compact!, full!);
    }

    internal static byte[] Decompress(string xzPath)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("xz", ["-dc", xzPath]) { RedirectStandardOutput = true };
        using var p = System.Diagnostics.Process.Start(psi)!;
        using var ms = new MemoryStream();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        return ms.ToArray();
    }
}

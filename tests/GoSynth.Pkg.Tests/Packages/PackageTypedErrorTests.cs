using System.Text;
using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>One error kind per cause, naming file and entry: invalid UTF-8, paths that clash inside one package,
/// truncation under every compression.</summary>
public sealed class PackageTypedErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _root;

    public PackageTypedErrorTests()
    {
        _root = Directory.CreateDirectory(_dir.Combine("root")).FullName;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("\"comment\":\"caf\u00ff(\"")]
    [InlineData("\"caf\u00ff(\":\"unknown key\"")]
    [InlineData("\"files\":{\"/usr/local/\u00ff\":\"-\"}")]
    public async Task InvalidUtf8InManifest_ThrowsBadManifestNamingMember(string field)
    {
        // \u00ff stands for a lone 0xFF byte (never valid in UTF-8).
        var json = "{\"name\":\"evil\",\"origin\":\"misc/evil\",\"version\":\"1.0\",\"flatsize\":0," + field + "}";
        var bytes = Encoding.Latin1.GetBytes(json);
        var pkg = _dir.Combine("utf8.pkg");
        new RawPackage { ManifestBytes = bytes }.Write(pkg);

        var install = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(pkg, _root, cancellationToken: Ct));
        var read = await Assert.ThrowsAsync<PackageFormatException>(() => PackageReader.ReadManifestAsync(pkg, Ct));
        var parse = Assert.Throws<PackageFormatException>(() => PackageManifestSerializer.Parse(bytes, "x.pkg", "+MANIFEST"));

        Assert.Equal((PackageErrorKind.BadManifest, "+MANIFEST"), (install.Kind, install.EntryName));
        Assert.Equal((PackageErrorKind.BadManifest, "+MANIFEST"), (read.Kind, read.EntryName));
        Assert.Equal(PackageErrorKind.BadManifest, parse.Kind);
        Assert.Contains("UTF-8", parse.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task FileThenDirectoryAtSamePath_ThrowsPathClash()
    {
        var ex = await InstallAsync(new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/x", RawPackage.Sum("x"))) }
            .File("/usr/local/x", "x").Directory("/usr/local/x", 0x1ED));

        Assert.Equal((PackageErrorKind.PathClash, "/usr/local/x"), (ex.Kind, ex.EntryName));
    }

    [Fact]
    public async Task DirectoryThenFileAtSamePath_ThrowsPathClash()
    {
        var ex = await InstallAsync(new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/x", RawPackage.Sum("x"))) }
            .Directory("/usr/local/x", 0x1ED).File("/usr/local/x", "x"));

        Assert.Equal((PackageErrorKind.PathClash, "/usr/local/x"), (ex.Kind, ex.EntryName));
    }

    [Fact]
    public async Task FileThenSymlinkOverItsParent_ThrowsPathClashNamingTheSymlink()
    {
        var ex = await InstallAsync(new RawPackage
        {
            Manifest = RawPackage.ManifestFor(("/usr/local/lib/a", RawPackage.Sum("a")), ("/usr/local/lib", GoSynth.Pkg.Packages.Internal.Checksums.ForSymlink("/tmp"))),
        }.File("/usr/local/lib/a", "a").Symlink("/usr/local/lib", "/tmp"));

        Assert.Equal((PackageErrorKind.PathClash, "/usr/local/lib"), (ex.Kind, ex.EntryName));
        Assert.Contains("directory", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileUsedAsDirectoryByALaterFile_ThrowsPathClash()
    {
        var ex = await InstallAsync(new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/a", RawPackage.Sum("a")), ("/usr/local/a/b", RawPackage.Sum("b"))) }
            .File("/usr/local/a", "a").File("/usr/local/a/b", "b"));

        Assert.Equal((PackageErrorKind.PathClash, "/usr/local/a/b"), (ex.Kind, ex.EntryName));
    }

    [Fact]
    public async Task ManifestListsPathAsFileAndDirectory_ThrowsPathClash()
    {
        var ex = await InstallAsync(new RawPackage
        {
            Manifest = RawPackage.ManifestWith(4096, ",\"directories\":{\"/usr/local/x/\":\"y\"}", ("/usr/local/x", RawPackage.Sum("x"))),
        }.File("/usr/local/x", "x"));

        Assert.Equal((PackageErrorKind.PathClash, "/usr/local/x/"), (ex.Kind, ex.EntryName));
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("gzip")]
    [InlineData("xz")]
    [InlineData("bzip2")]
    public async Task TruncatedArchive_IsTruncatedWhateverTheCompression(string compression)
    {
        var pkg = _dir.Combine("whole." + compression);
        new RawPackage { Manifest = RawPackage.ManifestWith(256 << 10, "", ("/usr/local/share/data", "-")) }
            .LargeFile("/usr/local/share/data", () => new PatternStream(256 << 10, random: true)).Write(pkg, compression);
        var bytes = File.ReadAllBytes(pkg);
        var cut = _dir.Combine("cut." + compression);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 3 / 5)]);

        var install = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(cut, _root, cancellationToken: Ct));
        var read = await Assert.ThrowsAsync<PackageFormatException>(() => PackageReader.ReadContentsAsync(cut, Ct));

        Assert.Equal(PackageErrorKind.Truncated, install.Kind);
        Assert.Equal(PackageErrorKind.Truncated, read.Kind);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
        if (compression is "zstd" or "gzip")
        {
            // Streaming decoders deliver everything before the cut, so the error names the entry it cut.
            Assert.Equal("/usr/local/share/data", install.EntryName);
            Assert.Equal("/usr/local/share/data", read.EntryName);
        }
        else
        {
            Assert.NotNull(install.EntryName);
            Assert.NotNull(read.EntryName);
        }
    }

    [Theory]
    [InlineData("indexinfo")]
    [InlineData("csrutil")]
    public async Task TruncatedRealPackage_IsTruncated(string which)
    {
        var bytes = File.ReadAllBytes(which == "indexinfo" ? SampleData.Indexinfo : SampleData.Csrutil);
        var cut = _dir.Combine("cut.pkg");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(cut, _root, cancellationToken: Ct));

        Assert.Equal(PackageErrorKind.Truncated, ex.Kind);
        Assert.NotNull(ex.EntryName);
    }

    private async Task<PackageFormatException> InstallAsync(RawPackage raw)
    {
        var pkg = _dir.Combine("clash.pkg");
        raw.Write(pkg);
        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(pkg, _root, cancellationToken: Ct));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
        return ex;
    }
}

using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>Every bad input gives a typed error naming file and entry, and leaves the target root byte-identical.</summary>
public sealed class PackageInstallerBadInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _root;
    private readonly SortedDictionary<string, string> _before;

    public PackageInstallerBadInputTests()
    {
        _root = Directory.CreateDirectory(_dir.Combine("root")).FullName;
        Directory.CreateDirectory(_root + "/usr/local/bin");
        File.WriteAllText(_root + "/usr/local/bin/existing", "keep me");
        _before = TreeSnapshot.Take(_root);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task InstallAsync_TruncatedArchive_ThrowsAndLeavesRootUnchanged()
    {
        var bytes = File.ReadAllBytes(SampleData.Csrutil);
        var cut = _dir.Combine("cut.pkg");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(cut, _root, cancellationToken: Ct));

        Assert.Contains(ex.Kind, new[] { PackageErrorKind.Truncated, PackageErrorKind.Corrupt });
        Assert.Equal(cut, ex.FilePath);
        Assert.True(ex.EntryName is not null, ex.ToString());
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_CorruptCompressedData_ThrowsCorruptOrChecksum()
    {
        var bytes = File.ReadAllBytes(SampleData.Indexinfo);
        for (var i = 2000; i < 2100; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var bad = _dir.Combine("flipped.pkg");
        File.WriteAllBytes(bad, bytes);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Contains(ex.Kind, new[] { PackageErrorKind.Corrupt, PackageErrorKind.ChecksumMismatch, PackageErrorKind.Truncated, PackageErrorKind.BadManifest });
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_WrongMagic_ThrowsUnknownFormat()
    {
        var bad = _dir.Combine("text.pkg");
        File.WriteAllText(bad, "this is not a package at all, just text that is long enough");

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal(PackageErrorKind.UnknownFormat, ex.Kind);
        Assert.Contains("text.pkg", ex.Message, StringComparison.Ordinal);
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_ManifestNotJson_ThrowsBadManifestNamingEntry()
    {
        var bad = _dir.Combine("ucl.pkg");
        new RawPackage { Manifest = "name = evil;\nversion = 1;\n" }.File("/usr/local/bin/x", "x").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.BadManifest, "+MANIFEST"), (ex.Kind, ex.EntryName));
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_ChecksumMismatchInLastEntry_ThrowsAndInstallsNothing()
    {
        var bad = _dir.Combine("sum.pkg");
        new RawPackage
        {
            Manifest = RawPackage.ManifestFor(("/usr/local/bin/a", RawPackage.Sum("a")), ("/usr/local/lib/b", RawPackage.Sum("expected"))),
        }.File("/usr/local/bin/a", "a").File("/usr/local/lib/b", "tampered").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.ChecksumMismatch, "/usr/local/lib/b"), (ex.Kind, ex.EntryName));
        Assert.Contains("sum.pkg", ex.Message, StringComparison.Ordinal);
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Theory]
    [InlineData("/usr/local/../../../escaped")]
    [InlineData("../escaped")]
    [InlineData("/usr/local/./bin/x")]
    public async Task InstallAsync_DotDotEntry_ThrowsPathTraversal(string name)
    {
        var bad = _dir.Combine("dotdot.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor((name, RawPackage.Sum("x"))) }.File(name, "x").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal(PackageErrorKind.PathTraversal, ex.Kind);
        Assert.False(File.Exists(_dir.Combine("escaped")));
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_WriteThroughOwnSymlink_ThrowsPathTraversal()
    {
        var outside = Directory.CreateDirectory(_dir.Combine("outside")).FullName;
        var bad = _dir.Combine("through.pkg");
        new RawPackage
        {
            Manifest = RawPackage.ManifestFor(("/usr/local/evil", "1$" + "0".PadLeft(64, '0')), ("/usr/local/evil/passwd", RawPackage.Sum("pwned"))),
        }.Symlink("/usr/local/evil", outside).File("/usr/local/evil/passwd", "pwned").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Contains(ex.Kind, new[] { PackageErrorKind.PathTraversal, PackageErrorKind.ChecksumMismatch });
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_WriteThroughOwnSymlinkWithValidSum_ThrowsPathTraversal()
    {
        var outside = Directory.CreateDirectory(_dir.Combine("outside2")).FullName;
        var bad = _dir.Combine("through2.pkg");
        new RawPackage
        {
            Manifest = RawPackage.ManifestFor(("/usr/local/evil", GoSynth.Pkg.Packages.Internal.Checksums.ForSymlink(outside)), ("/usr/local/evil/passwd", RawPackage.Sum("pwned"))),
        }.Symlink("/usr/local/evil", outside).File("/usr/local/evil/passwd", "pwned").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.PathTraversal, "/usr/local/evil/passwd"), (ex.Kind, ex.EntryName));
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_ExistingSymlinkInRootPointingOut_ThrowsPathTraversal()
    {
        var outside = Directory.CreateDirectory(_dir.Combine("host-etc")).FullName;
        File.CreateSymbolicLink(_root + "/usr/local/etc", outside);
        var before = TreeSnapshot.Take(_root);
        var bad = _dir.Combine("etc.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/etc/x.conf", RawPackage.Sum("x"))) }.File("/usr/local/etc/x.conf", "x").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.PathTraversal, "/usr/local/etc/x.conf"), (ex.Kind, ex.EntryName));
        Assert.Empty(Directory.GetFileSystemEntries(outside));
        Assert.Equal(before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_EntryNotInManifest_ThrowsUnexpectedEntry()
    {
        var bad = _dir.Combine("extra.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/bin/a", RawPackage.Sum("a"))) }
            .File("/usr/local/bin/a", "a").File("/usr/local/bin/sneaky", "b").Write(bad, compress: false);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.UnexpectedEntry, "/usr/local/bin/sneaky"), (ex.Kind, ex.EntryName));
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_ListedFileAbsent_ThrowsMissingEntry()
    {
        var bad = _dir.Combine("missing.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/bin/a", RawPackage.Sum("a")), ("/usr/local/bin/gone", RawPackage.Sum("g"))) }
            .File("/usr/local/bin/a", "a").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.MissingEntry, "/usr/local/bin/gone"), (ex.Kind, ex.EntryName));
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_NoManifest_ThrowsBadManifest()
    {
        var bad = _dir.Combine("nomanifest.pkg");
        new RawPackage().File("/usr/local/bin/a", "a").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal(PackageErrorKind.BadManifest, ex.Kind);
        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_Cancelled_LeavesRootUnchanged()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PackageInstaller.InstallAsync(SampleData.Csrutil, _root, cancellationToken: cts.Token));

        Assert.Equal(_before, TreeSnapshot.Take(_root));
    }
}

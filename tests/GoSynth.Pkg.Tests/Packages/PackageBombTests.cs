using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>What a package may expand to is bounded by its manifest's flatsize and by the install caps, checked from each
/// entry's header before its bytes are read; commands that need only the manifests never read the payload.</summary>
public sealed class PackageBombTests : IDisposable
{
    private const long Claimed = 256L << 20;
    private readonly TempDirectory _dir = new();
    private readonly string _root;

    public PackageBombTests()
    {
        _root = Directory.CreateDirectory(_dir.Combine("root")).FullName;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task InstallAsync_ZstdBombPastFlatsize_FailsTooLargeNamingEntryAndWritesNothing()
    {
        var bomb = _dir.Combine("bomb.pkg");
        new RawPackage { Manifest = RawPackage.ManifestWith(1 << 20, "", ("/usr/local/bin/a", RawPackage.Sum("a")), ("/usr/local/share/zeros", "-")) }
            .File("/usr/local/bin/a", "a").LargeFile("/usr/local/share/zeros", () => new PatternStream(Claimed, random: false)).Write(bomb);
        Assert.True(new FileInfo(bomb).Length < 1 << 20, "the bomb should be small on disk");

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bomb, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.TooLarge, "/usr/local/share/zeros"), (ex.Kind, ex.EntryName));
        Assert.Contains("flatsize", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task InstallAsync_EntryPastFlatsize_ReadsNoneOfItsBytes()
    {
        var bytes = UncompressedPackage(flatSize: 4096, payload: 8 << 20);
        var feeder = FifoFeeder.Create(_dir.Combine("pkg.fifo"));
        var feeding = feeder.FeedAsync(bytes, bytes.Length, Ct);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => Task.Run(() => PackageInstaller.InstallAsync(feeder.Path, _root, cancellationToken: Ct), Ct));
        feeder.Close();
        await feeding;

        Assert.Equal((PackageErrorKind.TooLarge, "/usr/local/share/big"), (ex.Kind, ex.EntryName));
        Assert.True(feeder.Accepted < 1 << 20, $"the installer took {feeder.Accepted} of {bytes.Length} bytes");
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task InstallAsync_FlatsizeLiesBig_ConfiguredCapStopsIt()
    {
        var bomb = _dir.Combine("capped.pkg");
        new RawPackage { Manifest = RawPackage.ManifestWith(10L << 30, "", ("/usr/local/share/zeros", "-")) }
            .LargeFile("/usr/local/share/zeros", () => new PatternStream(8 << 20, random: false)).Write(bomb);
        var options = new PackageInstallOptions { MaxPayloadBytes = 1 << 20 };

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bomb, _root, options, Ct));

        Assert.Equal((PackageErrorKind.TooLarge, "/usr/local/share/zeros"), (ex.Kind, ex.EntryName));
        Assert.Contains("configured limit", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public async Task InstallAsync_TooManyEntries_ConfiguredCapStopsIt()
    {
        var pkg = _dir.Combine("many.pkg");
        var raw = new RawPackage { Manifest = RawPackage.ManifestFor([.. Enumerable.Range(0, 5).Select(i => ($"/usr/local/f{i}", RawPackage.Sum("x")))]) };
        for (var i = 0; i < 5; i++)
        {
            raw.File($"/usr/local/f{i}", "x");
        }

        raw.Write(pkg);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(
            () => PackageInstaller.InstallAsync(pkg, _root, new PackageInstallOptions { MaxEntries = 3 }, Ct));

        Assert.Equal((PackageErrorKind.TooLarge, "/usr/local/f3"), (ex.Kind, ex.EntryName));
    }

    [Fact]
    public async Task ReadContentsAsync_ZstdBomb_FailsTooLarge()
    {
        var bomb = _dir.Combine("bomb.pkg");
        new RawPackage { Manifest = RawPackage.ManifestWith(1 << 20, "", ("/usr/local/share/zeros", "-")) }
            .LargeFile("/usr/local/share/zeros", () => new PatternStream(Claimed, random: false)).Write(bomb);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageReader.ReadContentsAsync(bomb, Ct));

        Assert.Equal((PackageErrorKind.TooLarge, "/usr/local/share/zeros"), (ex.Kind, ex.EntryName));
    }

    [Fact]
    public async Task ReadSummaryAsync_ReadsOnlyTheManifestsNeverThePayload()
    {
        var bytes = UncompressedPackage(flatSize: 8 << 20, payload: 8 << 20);
        var feeder = FifoFeeder.Create(_dir.Combine("summary.fifo"));
        var feeding = feeder.FeedAsync(bytes, bytes.Length, Ct);

        var summary = await Task.Run(() => PackageReader.ReadSummaryAsync(feeder.Path, Ct), Ct);
        feeder.Close();
        await feeding;

        Assert.Equal("evil", summary.Manifest.Name);
        Assert.Equal("evil", summary.CompactManifest!.Name);
        Assert.Empty(summary.Entries);
        Assert.True(feeder.Accepted < 1 << 20, $"the reader took {feeder.Accepted} of {bytes.Length} bytes");
    }

    [Fact]
    public async Task ReadSummaryAsync_PayloadCutShort_StillSucceeds()
    {
        var bytes = UncompressedPackage(flatSize: 8 << 20, payload: 8 << 20);
        var cut = _dir.Combine("cut.pkg");
        File.WriteAllBytes(cut, bytes[..(64 << 10)]);

        var summary = await PackageReader.ReadSummaryAsync(cut, Ct);
        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageReader.ReadContentsAsync(cut, Ct));

        Assert.Equal(PackageCompression.None, summary.Compression);
        Assert.Equal(PackageErrorKind.Truncated, ex.Kind);
    }

    [Fact]
    public async Task ReadCompactManifestAsync_ReadsOnlyTheFirstMember()
    {
        var bytes = UncompressedPackage(flatSize: 8 << 20, payload: 8 << 20);
        var feeder = FifoFeeder.Create(_dir.Combine("compact.fifo"));
        var feeding = feeder.FeedAsync(bytes, bytes.Length, Ct);

        var compact = await Task.Run(() => PackageReader.ReadCompactManifestAsync(feeder.Path, Ct), Ct);
        feeder.Close();
        await feeding;

        Assert.Equal(("evil", "compact"), (compact.Name, compact.Comment));
        Assert.True(feeder.Accepted < 1 << 20, $"the reader took {feeder.Accepted} of {bytes.Length} bytes");
    }

    [Fact]
    public async Task ReadManifestAsync_MetadataMemberClaimingGigabytes_FailsTooLarge()
    {
        var pkg = _dir.Combine("meta.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor() }.LargeFile("+DISPLAY", () => new PatternStream(Claimed, random: false)).Write(pkg);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageReader.ReadContentsAsync(pkg, Ct));

        Assert.Equal((PackageErrorKind.TooLarge, "+DISPLAY"), (ex.Kind, ex.EntryName));
    }

    private byte[] UncompressedPackage(long flatSize, int payload)
    {
        var path = _dir.Combine($"plain-{flatSize}.pkg");
        new RawPackage
        {
            CompactManifest = "{\"name\":\"evil\",\"origin\":\"misc/evil\",\"version\":\"1.0\",\"comment\":\"compact\",\"flatsize\":" + flatSize + "}",
            Manifest = RawPackage.ManifestWith(flatSize, "", ("/usr/local/share/big", "-")),
        }.LargeFile("/usr/local/share/big", () => new PatternStream(payload, random: true)).Write(path, "none");
        return File.ReadAllBytes(path);
    }
}

using GoSynth.Pkg.Scanning.Internal;
using GoSynth.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// Git's racy rule on the metadata cache's stamps: a file changed within the racy window of the cache file's own write
/// time (or of the scan that stamped it) is read again by the next scan; one changed well before is trusted by its stat
/// data alone.
/// </summary>
public sealed class MetadataCacheRacyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (TempDirectory Dir, string Ports, string Port) Tree()
    {
        var dir = new TempDirectory("gosynth-racy-");
        dir.WriteFile("ports/devel/lib/Makefile", "PORTNAME=lib\n");
        dir.WriteFile("ports/devel/lib/distinfo", "SIZE (lib-1.0.tar.gz) = 1\n");
        var ports = dir.Combine("ports");
        return (dir, ports, ports + "/devel/lib");
    }

    /// <summary>Stamps the port in one session (clock <paramref name="scanAt"/>), saves, and sets the cache file's write time.</summary>
    private static string StampAndSave(TempDirectory dir, string ports, string port, DateTimeOffset scanAt, DateTime? cacheWrittenAt)
    {
        var cache = MetadataCache.Open(dir.Combine("cache"), ports, NullLogger.Instance, new FakeTimeProvider(scanAt));
        cache.BeginScan();
        cache.Fingerprint(port, Ct);
        cache.Save();
        if (cacheWrittenAt is { } at)
        {
            File.SetLastWriteTimeUtc(cache.FilePath, at);
        }

        return cache.FilePath;
    }

    private static MetadataCache Reopen(TempDirectory dir, string ports, DateTimeOffset scanAt)
    {
        var cache = MetadataCache.Open(dir.Combine("cache"), ports, NullLogger.Instance, new FakeTimeProvider(scanAt));
        cache.BeginScan();
        return cache;
    }

    [Fact]
    public void Fingerprint_FilesOlderThanTheWindowOfScanAndCacheWrite_AreNotRead()
    {
        var (dir, ports, port) = Tree();
        using var _ = dir;
        var later = DateTimeOffset.UtcNow.AddHours(1);
        StampAndSave(dir, ports, port, later, later.UtcDateTime);

        var cache = Reopen(dir, ports, later);
        cache.Fingerprint(port, Ct);

        Assert.Equal(0, cache.ReadCount);
    }

    [Fact]
    public void Fingerprint_FileChangedJustBeforeTheCacheWasWritten_IsReadAgain()
    {
        var (dir, ports, port) = Tree();
        using var _ = dir;
        var later = DateTimeOffset.UtcNow.AddHours(1);

        // The scan's clock says the files are old, but the cache file was written right after they changed.
        StampAndSave(dir, ports, port, later, cacheWrittenAt: null);
        var cache = Reopen(dir, ports, later);
        var fingerprint = cache.Fingerprint(port, Ct);

        Assert.Equal(1, cache.ReadCount);
        Assert.Equal(GoSynth.Pkg.Fingerprints.PortFingerprint.Compute(port, Ct), fingerprint);
        Assert.False(cache.ScanStamp(port)!.Racy);
    }

    [Fact]
    public void Fingerprint_FileChangedJustBeforeTheScanThatStampedIt_IsReadAgain()
    {
        var (dir, ports, port) = Tree();
        using var _ = dir;
        var now = DateTimeOffset.UtcNow;

        // The cache file's write time says the files are old, but the scan that stamped them began right after they changed.
        StampAndSave(dir, ports, port, now, now.AddHours(1).UtcDateTime);
        var cache = Reopen(dir, ports, now.AddHours(1));
        cache.Fingerprint(port, Ct);

        Assert.Equal(1, cache.ReadCount);
    }

    [Fact]
    public void Fingerprint_RacyStampReadAgainLater_IsSavedCleanAndThenTrusted()
    {
        var (dir, ports, port) = Tree();
        using var _ = dir;
        var now = DateTimeOffset.UtcNow;
        StampAndSave(dir, ports, port, now, now.AddHours(1).UtcDateTime);

        var second = Reopen(dir, ports, now.AddHours(1));
        second.Fingerprint(port, Ct);
        second.Save();
        File.SetLastWriteTimeUtc(second.FilePath, now.AddHours(1).UtcDateTime);
        var third = Reopen(dir, ports, now.AddHours(1));
        third.Fingerprint(port, Ct);

        Assert.Equal(1, second.ReadCount);
        Assert.Equal(0, third.ReadCount);
    }

    [Fact]
    public void FileFingerprintOf_SingleFileChangedWithSameSizeAndTime_IsNoticed()
    {
        var (dir, ports, _) = Tree();
        using var __ = dir;
        var file = dir.WriteFile("ports/devel/Makefile.inc", "A=1\n");
        var before = ExactFileTime.Remember(file);
        var later = DateTimeOffset.UtcNow.AddHours(1);
        var first = MetadataCache.Open(dir.Combine("cache"), ports, NullLogger.Instance, new FakeTimeProvider(later));
        first.BeginScan();
        var old = first.FileFingerprintOf(file);
        first.Save();
        File.SetLastWriteTimeUtc(first.FilePath, later.UtcDateTime);

        File.WriteAllText(file, "A=2\n");
        ExactFileTime.Restore(file, before);
        var second = Reopen(dir, ports, later);
        var now = second.FileFingerprintOf(file);

        Assert.NotEqual(old, now);
        Assert.Equal(FileFingerprint.Compute(file), now);
    }
}

using GoSynth.Environment.Files;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Pkg.Fingerprints.Internal;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Fingerprints;

/// <summary>
/// The stat fast path of a directory fingerprint: a stamp whose files all keep their stat data is reused without a read
/// (shown by a stamp carrying a deliberately wrong fingerprint), and every kind of change that keeps size and
/// modification time is still seen.
/// </summary>
public sealed class StampedFingerprintTests
{
    private const long NothingRacy = long.MaxValue;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TempDirectory Port()
    {
        var dir = new TempDirectory("gosynth-stamp-");
        dir.WriteFile("Makefile", "PORTNAME=\tfoo\nPORTVERSION=\t1.0\n");
        dir.WriteFile("distinfo", "SHA256 (foo-1.0.tar.gz) = abc\n");
        dir.WriteFile("files/patch-main.c", "--- main.c.orig\n+++ main.c\n");

        // Directories dated in the past: a file added later moves their modification time even on a kernel whose
        // file clock is coarse (two writes within one tick would otherwise leave the directory's stat data alone).
        var past = DateTime.UtcNow.AddMinutes(-10);
        Directory.SetLastWriteTimeUtc(Path.Combine(dir.Path, "files"), past);
        Directory.SetLastWriteTimeUtc(dir.Path, past);
        return dir;
    }

    private static void RequireStatus()
    {
        if (!FileStatus.IsSupported)
        {
            Assert.Skip("this system has no stat fast path (FileStatus.IsSupported is false)");
        }
    }

    [Fact]
    public void OfDirectory_NoPreviousStamp_EqualsPortFingerprint()
    {
        RequireStatus();
        using var dir = Port();

        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);

        Assert.Equal(PortFingerprint.Compute(dir.Path, Ct), stamp.Fingerprint);
        Assert.Equal(["Makefile", "distinfo", "files/patch-main.c"], stamp.Files.Select(f => f.Name));
        Assert.False(stamp.Racy);
    }

    [Fact]
    public void OfDirectory_NothingChanged_ReusesTheStampWithoutReading()
    {
        RequireStatus();
        using var dir = Port();
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);
        var forged = stamp with { Fingerprint = stamp.Fingerprint ^ 0xFFFFFFFF };

        var again = StampedFingerprint.OfDirectory(dir.Path, forged, NothingRacy, Ct);

        Assert.Same(forged, again);
    }

    [Fact]
    public void OfDirectory_RacyStamp_IsReadAgainEvenWhenStatDataMatch()
    {
        RequireStatus();
        using var dir = Port();
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);

        // What a change within the file clock's granularity after the read leaves behind: the same stat data, other contents.
        var stale = stamp with { Fingerprint = stamp.Fingerprint ^ 0xFFFFFFFF, Racy = true };
        var again = StampedFingerprint.OfDirectory(dir.Path, stale, NothingRacy, Ct);

        Assert.Equal(stamp.Fingerprint, again.Fingerprint);
        Assert.False(again.Racy);
    }

    [Fact]
    public void OfDirectory_FileChangedSinceRacyFrom_GivesARacyStamp()
    {
        RequireStatus();
        using var dir = Port();
        var justBefore = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100 - FingerprintStamp.RacyWindowNanoseconds;

        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, justBefore, Ct);
        var again = StampedFingerprint.OfDirectory(dir.Path, stamp, NothingRacy, Ct);

        Assert.True(stamp.Racy);
        Assert.NotSame(stamp, again);
    }

    [Fact]
    public void OfDirectory_SameSizeRewriteWithModificationTimeSetBack_IsNoticed()
    {
        RequireStatus();
        using var dir = Port();
        var makefile = dir.Combine("Makefile");
        var before = ExactFileTime.Remember(makefile);
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);

        File.WriteAllText(makefile, "PORTNAME=\tfoo\nPORTVERSION=\t1.1\n");
        ExactFileTime.Restore(makefile, before);
        var again = StampedFingerprint.OfDirectory(dir.Path, stamp, NothingRacy, Ct);

        Assert.Equal(stamp.Files[0].Size, again.Files[0].Size);
        Assert.Equal(stamp.Files[0].ModifiedNanoseconds, again.Files[0].ModifiedNanoseconds);
        Assert.NotEqual(stamp.Fingerprint, again.Fingerprint);
        Assert.Equal(PortFingerprint.Compute(dir.Path, Ct), again.Fingerprint);
    }

    [Fact]
    public void OfDirectory_FileReplacedByRename_IsNoticed()
    {
        RequireStatus();
        using var dir = Port();
        var distinfo = dir.Combine("distinfo");
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);
        var replacement = dir.WriteFile(".distinfo.new", "SHA256 (foo-1.0.tar.gz) = abd\n");
        ExactFileTime.Restore(replacement, ExactFileTime.Remember(distinfo));

        File.Move(replacement, distinfo, overwrite: true);
        var again = StampedFingerprint.OfDirectory(dir.Path, stamp, NothingRacy, Ct);

        Assert.Equal(stamp.Files[1].ModifiedNanoseconds, again.Files[1].ModifiedNanoseconds);
        Assert.Equal(stamp.Files[1].Size, again.Files[1].Size);
        Assert.NotEqual(stamp.Files[1].Inode, again.Files[1].Inode);
        Assert.NotEqual(stamp.Fingerprint, again.Fingerprint);
        Assert.Equal(PortFingerprint.Compute(dir.Path, Ct), again.Fingerprint);
    }

    [Fact]
    public void OfDirectory_SymbolicLinkRetargeted_IsNoticed()
    {
        RequireStatus();
        using var dir = Port();
        dir.WriteFile("files/a.mk", "A=1\n");
        dir.WriteFile("files/b.mk", "B=2\n");
        var link = dir.Combine("Makefile.inc");
        File.CreateSymbolicLink(link, "files/a.mk");
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);

        File.Delete(link);
        File.CreateSymbolicLink(link, "files/b.mk");
        var again = StampedFingerprint.OfDirectory(dir.Path, stamp, NothingRacy, Ct);

        Assert.NotEqual(stamp.Fingerprint, again.Fingerprint);
        Assert.Equal(PortFingerprint.Compute(dir.Path, Ct), again.Fingerprint);
    }

    [Fact]
    public void OfDirectory_FileAddedOrRemoved_IsNoticed()
    {
        RequireStatus();
        using var dir = Port();
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);

        dir.WriteFile("pkg-plist", "bin/foo\n");
        var added = StampedFingerprint.OfDirectory(dir.Path, stamp, NothingRacy, Ct);
        File.Delete(dir.Combine("files", "patch-main.c"));
        var removed = StampedFingerprint.OfDirectory(dir.Path, added, NothingRacy, Ct);

        Assert.Equal(PortFingerprint.Compute(dir.Path, Ct), removed.Fingerprint);
        Assert.Equal(4, added.Files.Length);
        Assert.Equal(3, removed.Files.Length);
        Assert.NotEqual(stamp.Fingerprint, added.Fingerprint);
        Assert.NotEqual(added.Fingerprint, removed.Fingerprint);
    }

    [Fact]
    public void OfDirectory_FileAddedInASubdirectory_IsNoticed()
    {
        RequireStatus();
        using var dir = Port();
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);

        dir.WriteFile("files/patch-extra.c", "+++ extra\n");
        var again = StampedFingerprint.OfDirectory(dir.Path, stamp, NothingRacy, Ct);

        Assert.Equal(["", "files"], stamp.Directories.Select(d => d.Name));
        Assert.NotEqual(stamp.Fingerprint, again.Fingerprint);
        Assert.Equal(PortFingerprint.Compute(dir.Path, Ct), again.Fingerprint);
    }

    [Fact]
    public void OfDirectory_SubdirectoryReplacedByAFile_IsNoticed()
    {
        RequireStatus();
        using var dir = Port();
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);

        Directory.Delete(dir.Combine("files"), recursive: true);
        dir.WriteFile("files", "now a file\n");
        var again = StampedFingerprint.OfDirectory(dir.Path, stamp, NothingRacy, Ct);

        Assert.Equal(PortFingerprint.Compute(dir.Path, Ct), again.Fingerprint);
        Assert.NotEqual(stamp.Fingerprint, again.Fingerprint);
    }

    [Fact]
    public void OfDirectory_SkippedDirectoryAppears_KeepsTheFingerprintWithoutReading()
    {
        RequireStatus();
        using var dir = Port();
        var stamp = StampedFingerprint.OfDirectory(dir.Path, null, NothingRacy, Ct);
        var forged = stamp with { Fingerprint = stamp.Fingerprint ^ 0xFFFFFFFF };

        dir.WriteFile("work/stage/bin/foo", "built\n");
        var again = StampedFingerprint.OfDirectory(dir.Path, forged, NothingRacy, Ct);

        Assert.Equal(forged.Fingerprint, again.Fingerprint);
        Assert.NotEqual(forged.Directories[0].ModifiedNanoseconds, again.Directories[0].ModifiedNanoseconds);
    }
}

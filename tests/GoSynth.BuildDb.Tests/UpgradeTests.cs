using GoSynth.Testing;
using Microsoft.Extensions.Logging;

namespace GoSynth.BuildDb.Tests;

/// <summary>
/// Files of format version 1, written by GoSynth before frames were escaped: read as they are, upgraded by a writer.
/// TestData/format-v1.gsdb was written by the format 1 writer: run 1 "default" (devel/gmake 4.4.1 success in slot 1,
/// lang/perl5@flavor 5.38.2 failed with a non-ASCII excerpt, www/p5-x skipped, completed) and run 2 "second", left
/// running with devel/gmake 4.4.2 started in slot 0, all timed from 2026-03-01T12:00:00Z.
/// </summary>
public sealed class UpgradeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenReadOnlyAsync_FormatVersion1File_ReadsEveryRecordAndChangesNothing()
    {
        using var dir = new TempDirectory();
        var path = CopyFixture(dir);
        var original = await File.ReadAllBytesAsync(path, Ct);

        await using (var reader = await Db.ReadAsync(path))
        {
            CheckFixtureHistory(reader, upgraded: false);
            Assert.True(reader.OpenReport.IsClean);
        }

        Assert.Equal(original, await File.ReadAllBytesAsync(path, Ct));
    }

    [Fact]
    public async Task OpenAsync_FormatVersion1File_UpgradesToVersion2KeepingEveryRecord()
    {
        using var dir = new TempDirectory();
        var path = CopyFixture(dir);
        var logs = new CapturingLoggerFactory();

        await using (var writer = await Db.OpenAsync(path, logs))
        {
            CheckFixtureHistory(writer, upgraded: true);
            Assert.False(writer.OpenReport.HasLoss);
            Assert.Null(writer.OpenReport.DamagedCopyPath);
            Assert.Contains(logs.Entries, e => e.EventId == BuildDbEventIds.FormatUpgraded && e.Level == LogLevel.Information);
            var run = await writer.StartRunAsync("third", Ct);
            Assert.Equal(3, run.Id);
        }

        var bytes = await File.ReadAllBytesAsync(path, Ct);
        Assert.Equal(2, BitConverter.ToUInt16(bytes, 8));
        Assert.Equal(0xFF, bytes[24]);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
        await using var reader = await Db.ReadAsync(path);
        CheckFixtureHistory(reader, upgraded: true);
        Assert.Equal("third", reader.ListRuns(0, 1).Single().Profile);
        Assert.True(reader.OpenReport.IsClean);
    }

    [Fact]
    public async Task RefreshAsync_ReaderOfVersion1File_ReloadsAfterAWriterUpgradesIt()
    {
        using var dir = new TempDirectory();
        var path = CopyFixture(dir);
        await using var reader = await Db.ReadAsync(path);

        await using (var writer = await Db.OpenAsync(path))
        {
            await writer.StartRunAsync("third", Ct);
        }

        await reader.RefreshAsync(Ct);

        CheckFixtureHistory(reader, upgraded: true);
        Assert.Equal(3, reader.GetStatistics().Runs);
    }

    [Fact]
    public async Task OpenAsync_FormatVersion1FileDamagedInTheMiddle_CopiesAsideAndUpgradesTheValidRecords()
    {
        using var dir = new TempDirectory();
        var path = CopyFixture(dir);
        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var skipped = bytes.AsSpan().IndexOf("www/p5-x"u8);
        bytes[skipped] ^= 0x20;
        await File.WriteAllBytesAsync(path, bytes, Ct);

        await using var writer = await Db.OpenAsync(path);

        Assert.True(writer.OpenReport.HasLoss);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(writer.OpenReport.DamagedCopyPath!, Ct));
        Assert.Null(writer.GetPortState("www/p5-x"));
        Assert.Equal(AttemptStatus.Failed, writer.GetPortState("lang/perl5@flavor")!.LastAttempt.Status);
        Assert.Equal(2, BitConverter.ToUInt16(await File.ReadAllBytesAsync(path, Ct), 8));
    }

    private static string CopyFixture(TempDirectory dir)
    {
        var path = dir.Combine("gosynth.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "format-v1.gsdb"), path);
        return path;
    }

    private static void CheckFixtureHistory(BuildDatabase db, bool upgraded)
    {
        var first = db.GetRun(1)!;
        Assert.Equal(("default", RunOutcome.Completed, T0, T0.AddSeconds(126)), (first.Profile, first.Outcome, first.Start, first.End));
        Assert.Equal(new StatusCounts(0, 1, 1, 1, 0, 0, 0, 0), first.Counts);
        var gmake = db.GetLatestSuccess("devel/gmake")!;
        Assert.Equal(("4.4.1", 1, "gmake-4.4.1.pkg", "package", 0xFEFFFEFFu), (gmake.Version, gmake.Slot, gmake.PackageFile, gmake.LastPhase, gmake.Fingerprint));
        Assert.Equal(TimeSpan.FromSeconds(90), gmake.Duration);
        var perl = db.GetPortState("lang/perl5@flavor")!.LastAttempt;
        Assert.Equal((AttemptStatus.Failed, "build failed: cc error", "cc: error: ünïcödé ✓\nexit 1", 7u), (perl.Status, perl.Reason, perl.FailureExcerpt, perl.Fingerprint));
        Assert.Equal(AttemptStatus.Skipped, db.GetPortState("www/p5-x")!.LastAttempt.Status);
        var second = db.GetRun(2)!;
        Assert.Equal("second", second.Profile);
        Assert.Equal(upgraded ? RunOutcome.Aborted : RunOutcome.Running, second.Outcome);
        var open = db.GetPortState("devel/gmake")!.LastAttempt;
        Assert.Equal(("4.4.2", 0, upgraded ? AttemptStatus.Interrupted : AttemptStatus.Running), (open.Version, open.Slot, open.Status));
    }
}

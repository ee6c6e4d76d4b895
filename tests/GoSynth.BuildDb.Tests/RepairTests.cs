using GoSynth.Testing;
using Microsoft.Extensions.Logging;

namespace GoSynth.BuildDb.Tests;

public sealed class RepairTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAsync_RunLeftRunning_MarksRunAbortedAndAttemptsInterruptedOnce()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        long runId, openId, doneId;
        await using (var db = await Db.OpenAsync(path))
        {
            // A process stopped without finishing its run (go-synth leaves such runs "active" forever).
            var run = await db.StartRunAsync("p", Ct);
            runId = run.Id;
            openId = (await db.StartAttemptAsync(run.Id, "a/open", "1", 2, Ct)).Id;
            doneId = (await db.RecordAttemptAsync(run.Id, new AttemptRecord("a/done", "1", AttemptStatus.Success), Ct)).Id;
        }

        var bytesBefore = await File.ReadAllBytesAsync(path, Ct);
        await using (var reader = await Db.ReadAsync(path))
        {
            Assert.Equal(RunOutcome.Running, reader.GetRun(runId)!.Outcome);
        }

        Assert.Equal(bytesBefore, await File.ReadAllBytesAsync(path, Ct));

        var logs = new CapturingLoggerFactory();
        await using (var db = await Db.OpenAsync(path, logs))
        {
            Assert.Equal([runId], db.OpenReport.AbortedRuns);
            Assert.Equal([openId], db.OpenReport.InterruptedAttempts);
            var run = db.GetRun(runId)!;
            Assert.Equal(RunOutcome.Aborted, run.Outcome);
            Assert.NotNull(run.End);
            Assert.Equal(new StatusCounts(0, 1, 0, 0, 0, 0, 0, 1), run.Counts);
            var interrupted = db.GetAttempt(openId)!;
            Assert.Equal(AttemptStatus.Interrupted, interrupted.Status);
            Assert.Equal(2, interrupted.Slot);
            Assert.NotNull(interrupted.End);
            Assert.Equal(AttemptStatus.Success, db.GetAttempt(doneId)!.Status);
            Assert.Contains(logs.Entries, e => e.EventId == BuildDbEventIds.RunsRepaired && e.Level == LogLevel.Warning);
            var next = await db.StartRunAsync("p", Ct);
            Assert.Equal(runId + 1, next.Id);
            await db.FinishRunAsync(next.Id, RunOutcome.Completed, Ct);
        }

        await using var again = await Db.OpenAsync(path);
        Assert.Empty(again.OpenReport.AbortedRuns);
        Assert.Empty(again.OpenReport.InterruptedAttempts);
        Assert.Equal(RunOutcome.Aborted, again.GetRun(runId)!.Outcome);
    }

    [Fact]
    public async Task OpenAsync_TornTail_CutsItReportsItAndKeepsEverythingBefore()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var db = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(db);
        }

        var valid = new FileInfo(path).Length;
        var torn = Frames.Frame(0x05, new byte[40])[..23];
        await using (var stream = new FileStream(path, FileMode.Append))
        {
            await stream.WriteAsync(torn, Ct);
        }

        var logs = new CapturingLoggerFactory();
        await using var reopened = await Db.OpenAsync(path, logs);

        var damage = Assert.Single(reopened.OpenReport.Damage);
        Assert.Equal(DamageKind.TornTail, damage.Kind);
        Assert.Equal(valid, damage.Offset);
        Assert.Equal(23, damage.Length);
        Assert.True(reopened.OpenReport.TornTailCut);
        Assert.False(reopened.OpenReport.HasLoss);
        Assert.Null(reopened.OpenReport.DamagedCopyPath);
        Assert.Equal(valid, new FileInfo(path).Length);
        Assert.Equal(12, reopened.GetStatistics().Attempts);
        Assert.Contains(logs.Entries, e => e.EventId == BuildDbEventIds.TornTailCut && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task OpenAsync_DamageInTheMiddle_CopiesAsideKeepsEveryValidRecordAndReportsLoudly()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        Dictionary<long, PortAttempt> truth;
        await using (var db = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(db, attemptsPerRun: 20);
            truth = db.GetPortStates().SelectMany(s => db.GetHistory(s.Node)).ToDictionary(a => a.Id);
        }

        var bytes = await File.ReadAllBytesAsync(path, Ct);
        var middle = bytes.Length / 2;
        bytes.AsSpan(middle, 6).Fill(0xFF);
        await File.WriteAllBytesAsync(path, bytes, Ct);

        var logs = new CapturingLoggerFactory();
        await using (var reader = await Db.ReadAsync(path, logs))
        {
            Assert.True(reader.OpenReport.HasLoss);
            Assert.Null(reader.OpenReport.DamagedCopyPath);
            Assert.Contains(logs.Entries, e => e.EventId == BuildDbEventIds.ReaderFoundDamage && e.Level == LogLevel.Error);
        }

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path, Ct));
        await using var db2 = await Db.OpenAsync(path, logs);

        var report = db2.OpenReport;
        Assert.True(report.HasLoss);
        var range = Assert.Single(report.Damage, d => d.Kind == DamageKind.Corrupted);
        Assert.InRange(middle, range.Offset, range.Offset + range.Length);
        Assert.NotNull(report.DamagedCopyPath);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(report.DamagedCopyPath, Ct));
        Assert.Contains(logs.Entries, e => e.EventId == BuildDbEventIds.DamageRepaired && e.Level == LogLevel.Error && e.Message.Contains(report.DamagedCopyPath, StringComparison.Ordinal));
        var kept = db2.GetPortStates().SelectMany(s => db2.GetHistory(s.Node)).ToList();
        Assert.InRange(kept.Count, truth.Count - 2, truth.Count);
        foreach (var attempt in kept)
        {
            var original = truth[attempt.Id];
            Assert.Equal((original.Node, original.Version, original.RunId, original.Start), (attempt.Node, attempt.Version, attempt.RunId, attempt.Start));
            Assert.True(attempt == original || attempt.Status == AttemptStatus.Interrupted);
        }

        await db2.DisposeAsync();
        await using var clean = await Db.ReadAsync(path);
        Assert.True(clean.OpenReport.IsClean);
        Assert.Equal(kept.Count, clean.GetStatistics().Attempts);
    }

    [Fact]
    public async Task OpenAsync_HeaderChecksumDamaged_KeepsEveryRecord()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var db = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(db);
        }

        var bytes = await File.ReadAllBytesAsync(path, Ct);
        bytes[14] ^= 0x10;
        await File.WriteAllBytesAsync(path, bytes, Ct);

        await using var reopened = await Db.OpenAsync(path);

        Assert.Equal(DamageKind.Header, Assert.Single(reopened.OpenReport.Damage).Kind);
        Assert.NotNull(reopened.OpenReport.DamagedCopyPath);
        Assert.Equal(12, reopened.GetStatistics().Attempts);
        Assert.Equal(2, reopened.GetStatistics().Runs);
    }

    [Fact]
    public async Task OpenAsync_HeaderCutShort_CopiesAsideAndStartsOver()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var db = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(db);
        }

        var bytes = (await File.ReadAllBytesAsync(path, Ct))[..10];
        await File.WriteAllBytesAsync(path, bytes, Ct);

        await using var reopened = await Db.OpenAsync(path);

        Assert.Equal(DamageKind.Header, Assert.Single(reopened.OpenReport.Damage).Kind);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(reopened.OpenReport.DamagedCopyPath!, Ct));
        Assert.Equal(0, reopened.GetStatistics().Attempts);
        await reopened.StartRunAsync("p", Ct);
    }
}

using GoSynth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GoSynth.BuildDb.Tests;

public sealed class CompactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedManyRunsAsync(BuildDatabase db, FakeTimeProvider time, int runs)
    {
        for (var r = 0; r < runs; r++)
        {
            var run = await db.StartRunAsync("default", Ct);
            for (var i = 0; i < 8; i++)
            {
                var start = time.GetUtcNow();
                var status = (i + r) % 5 == 0 ? AttemptStatus.Failed : AttemptStatus.Success;
                await db.RecordAttemptAsync(run.Id, new AttemptRecord($"cat/p{i}", $"1.{r}", status)
                {
                    Start = start,
                    End = start.AddSeconds(10 + (i * r % 17)),
                    PackageFile = $"p{i}-1.{r}.pkg",
                    Fingerprint = (uint)(r * 100 + i),
                }, Ct);
                time.Advance(TimeSpan.FromMinutes(1));
            }

            await db.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);
        }
    }

    private static (List<PortState> States, List<TimeSpan?> Expected, List<BuildRun> Runs) Snapshot(BuildDatabase db, int runs)
    {
        var states = db.GetPortStates().ToList();
        return (states, [.. states.Select(s => db.ExpectedDuration(s.Node))], [.. db.ListRuns(0, runs)]);
    }

    [Fact]
    public async Task CompactAsync_KeepTwoRuns_SameStateLiveAndAfterReopenAndSmallerFile()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await Db.OpenAsync(path, time: time);
        await SeedManyRunsAsync(db, time, runs: 12);
        var before = Snapshot(db, 2);
        var sizeBefore = new FileInfo(path).Length;
        var nextRunBefore = db.ListRuns(0, 1)[0].Id + 1;

        var stats = await db.CompactAsync(new CompactionOptions { KeepRuns = 2, KeepSuccessesPerNode = 3 }, Ct);

        var live = Snapshot(db, 2);
        Assert.Equal(before.States, live.States);
        Assert.Equal(before.Runs, live.Runs);
        Assert.True(stats.FileBytes < sizeBefore);
        Assert.Equal(new FileInfo(path).Length, stats.FileBytes);
        Assert.True(db.GetHistory("cat/p1").Count < 12);
        var next = await db.StartRunAsync("after", Ct);
        Assert.Equal(nextRunBefore, next.Id);
        await db.RecordAttemptAsync(next.Id, new AttemptRecord("cat/new", "1", AttemptStatus.Success), Ct);
        await db.FinishRunAsync(next.Id, RunOutcome.Completed, Ct);
        var afterAppend = Snapshot(db, 3);
        await db.DisposeAsync();

        await using var reopened = await Db.ReadAsync(path);
        Assert.True(reopened.OpenReport.IsClean);
        var again = Snapshot(reopened, 3);
        Assert.Equal(afterAppend.States, again.States);
        Assert.Equal(afterAppend.Expected, again.Expected);
        Assert.Equal(afterAppend.Runs, again.Runs);
    }

    [Fact]
    public async Task CompactAsync_KeepSuccessesLikeDurationSamples_KeepsExpectedDurations()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await Db.OpenAsync(path, time: time, options: new BuildDbOptions { Durability = Durability.None, DurationSamples = 4 });
        await SeedManyRunsAsync(db, time, runs: 10);
        var before = Snapshot(db, 1);

        await db.CompactAsync(new CompactionOptions { KeepRuns = 1 }, Ct);

        Assert.Equal(before.Expected, Snapshot(db, 1).Expected);
        Assert.Equal(before.States, Snapshot(db, 1).States);
    }

    [Theory]
    [InlineData("temp-flushed")]
    [InlineData("renamed")]
    [InlineData("directory-flushed")]
    public async Task CompactAsync_CrashAtAStep_ReopenShowsTheSameStateAndNoTempFile(string step)
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var db = await Db.OpenAsync(path, time: time);
        await SeedManyRunsAsync(db, time, runs: 6);
        var before = Snapshot(db, 2);
        db.CompactionStep = s =>
        {
            if (s == step)
            {
                throw new IOException("simulated crash at " + s);
            }
        };

        await Assert.ThrowsAnyAsync<IOException>(() => db.CompactAsync(new CompactionOptions { KeepRuns = 2 }, Ct));
        await db.DisposeAsync();

        await using var reopened = await Db.OpenAsync(path);
        Assert.True(reopened.OpenReport.IsClean);
        var after = Snapshot(reopened, 2);
        Assert.Equal(before.States, after.States);
        Assert.Equal(before.Expected, after.Expected);
        Assert.Equal(before.Runs, after.Runs);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task RefreshAsync_AfterCompaction_ReaderReloadsTheNewFile()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await Db.OpenAsync(path, time: time);
        await SeedManyRunsAsync(db, time, runs: 5);
        await using var reader = await Db.ReadAsync(path);
        var logs = new CapturingLoggerFactory();

        await db.CompactAsync(new CompactionOptions { KeepRuns = 1 }, Ct);
        var run = await db.StartRunAsync("after", Ct);
        await reader.RefreshAsync(Ct);

        Assert.Equal(db.GetStatistics().Attempts, reader.GetStatistics().Attempts);
        Assert.Equal(db.GetPortStates(), reader.GetPortStates());
        Assert.Equal(run, reader.GetRun(run.Id));
    }
}

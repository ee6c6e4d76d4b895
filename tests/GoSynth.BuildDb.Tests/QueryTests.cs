using GoSynth.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GoSynth.BuildDb.Tests;

public sealed class QueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartRunAsync_NewDatabase_NumbersRunsFromOneAndRecordsProfileAndTime()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await using var db = await Db.OpenAsync(Db.PathIn(dir), time: time);

        var first = await db.StartRunAsync("LiveSystem", Ct);
        time.Advance(TimeSpan.FromMinutes(3));
        var finished = await db.FinishRunAsync(first.Id, RunOutcome.Completed, Ct);
        var second = await db.StartRunAsync("Other", Ct);

        Assert.Equal(1, first.Id);
        Assert.Equal(2, second.Id);
        Assert.Equal("LiveSystem", first.Profile);
        Assert.Equal(time.Start, first.Start);
        Assert.Equal(RunOutcome.Running, first.Outcome);
        Assert.Equal(RunOutcome.Completed, finished.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(3), finished.Elapsed);
    }

    [Fact]
    public async Task ListRuns_Paged_ReturnsNewestFirst()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir));
        for (var i = 0; i < 7; i++)
        {
            var run = await db.StartRunAsync("p" + i, Ct);
            await db.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);
        }

        var page1 = db.ListRuns(0, 3);
        var page3 = db.ListRuns(6, 3);

        Assert.Equal([7L, 6L, 5L], page1.Select(r => r.Id));
        Assert.Equal([1L], page3.Select(r => r.Id));
        Assert.Empty(db.ListRuns(7, 3));
    }

    [Fact]
    public async Task FinishRunAsync_WithAttempts_CountsEveryStatus()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir));
        var run = await db.StartRunAsync("default", Ct);
        AttemptStatus[] statuses = [AttemptStatus.Success, AttemptStatus.Success, AttemptStatus.Failed, AttemptStatus.Skipped, AttemptStatus.Ignored, AttemptStatus.Meta, AttemptStatus.UpToDate];
        foreach (var (status, i) in statuses.Select((s, i) => (s, i)))
        {
            await db.RecordAttemptAsync(run.Id, new AttemptRecord($"c/p{i}", "1", status), Ct);
        }

        var open = await db.StartAttemptAsync(run.Id, "c/running", "1", 0, Ct);
        Assert.Equal(1, db.GetRun(run.Id)!.Counts.Running);

        var finished = await db.FinishRunAsync(run.Id, RunOutcome.Aborted, Ct);

        Assert.Equal(new StatusCounts(0, 2, 1, 1, 1, 1, 1, 1), finished.Counts);
        Assert.Equal(8, finished.Counts.Total);
        Assert.Equal(AttemptStatus.Interrupted, db.GetAttempt(open.Id)!.Status);
        Assert.Equal(RunOutcome.Aborted, db.GetRun(run.Id)!.Outcome);
    }

    [Fact]
    public async Task GetHistory_SeveralRuns_ReturnsAttemptsOfExactlyThatNodeNewestFirst()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir));
        var run = await db.StartRunAsync("default", Ct);
        await db.RecordAttemptAsync(run.Id, new AttemptRecord("editors/vim", "9.0", AttemptStatus.Success), Ct);
        await db.RecordAttemptAsync(run.Id, new AttemptRecord("editors/vim@gtk3", "9.1", AttemptStatus.Success), Ct);
        await db.RecordAttemptAsync(run.Id, new AttemptRecord("editors/vim", "9.1", AttemptStatus.Failed), Ct);

        var history = db.GetHistory("editors/vim");

        Assert.Equal(["9.1", "9.0"], history.Select(a => a.Version));
        Assert.All(history, a => Assert.Equal("editors/vim", a.Node));
        Assert.Single(db.GetHistory("editors/vim", take: 1));
        Assert.Empty(db.GetHistory("editors/emacs"));
    }

    [Fact]
    public async Task GetLatestSuccess_FlavoredAndLaterFailure_ReturnsNewestSuccessOfExactNode()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var db = await Db.OpenAsync(Db.PathIn(dir), time: time);
        var run = await db.StartRunAsync("default", Ct);
        await db.RecordAttemptAsync(run.Id, new AttemptRecord("editors/vim", "9.0", AttemptStatus.Success) { PackageFile = "vim-9.0.pkg", Fingerprint = 7 }, Ct);
        time.Advance(TimeSpan.FromHours(1));
        await db.RecordAttemptAsync(run.Id, new AttemptRecord("editors/vim@py39", "9.5", AttemptStatus.Success), Ct);
        await db.RecordAttemptAsync(run.Id, new AttemptRecord("editors/vim", "9.1", AttemptStatus.Failed), Ct);

        var latest = db.GetLatestSuccess("editors/vim");
        var state = db.GetPortState("editors/vim");

        Assert.NotNull(latest);
        Assert.Equal("9.0", latest.Version);
        Assert.Equal("vim-9.0.pkg", latest.PackageFile);
        Assert.Equal(7u, latest.Fingerprint);
        Assert.NotNull(state);
        Assert.Equal(latest, state.LastSuccess);
        Assert.Equal(AttemptStatus.Failed, state.LastAttempt.Status);
        Assert.Equal("9.5", db.GetLatestSuccess("editors/vim@py39")!.Version);
        Assert.Null(db.GetLatestSuccess("editors/emacs"));
        Assert.Null(db.GetPortState("editors/emacs"));
    }

    [Fact]
    public async Task GetFailures_RunAndSince_ReturnOnlyFailedAttempts()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await Db.OpenAsync(Db.PathIn(dir), time: time);
        var run1 = await db.StartRunAsync("default", Ct);
        await db.RecordAttemptAsync(run1.Id, new AttemptRecord("a/old", "1", AttemptStatus.Failed) { FailureExcerpt = "cc: error" }, Ct);
        await db.FinishRunAsync(run1.Id, RunOutcome.Completed, Ct);
        time.Advance(TimeSpan.FromDays(2));
        var since = time.GetUtcNow();
        var run2 = await db.StartRunAsync("default", Ct);
        await db.RecordAttemptAsync(run2.Id, new AttemptRecord("a/ok", "1", AttemptStatus.Success), Ct);
        await db.RecordAttemptAsync(run2.Id, new AttemptRecord("a/new", "1", AttemptStatus.Failed), Ct);
        await db.RecordAttemptAsync(run2.Id, new AttemptRecord("a/new2", "1", AttemptStatus.Failed), Ct);

        Assert.Equal(["a/old"], db.GetFailures(run1.Id).Select(a => a.Node));
        Assert.Equal("cc: error", db.GetFailures(run1.Id)[0].FailureExcerpt);
        Assert.Equal(["a/new", "a/new2"], db.GetFailures(run2.Id).Select(a => a.Node));
        Assert.Equal(["a/new2", "a/new"], db.GetFailuresSince(since).Select(a => a.Node));
        Assert.Equal(3, db.GetFailuresSince(DateTimeOffset.MinValue).Count);
    }

    [Fact]
    public async Task ExpectedDuration_RecentSuccessesWithOutlier_IsRobustAverageOfLastSamples()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = await Db.OpenAsync(Db.PathIn(dir), time: time, options: new BuildDbOptions { Durability = Durability.None, DurationSamples = 5 });
        var run = await db.StartRunAsync("default", Ct);
        int[] minutes = [100, 10, 10, 12, 11, 9, 600];
        foreach (var m in minutes)
        {
            var start = time.GetUtcNow();
            await db.RecordAttemptAsync(run.Id, new AttemptRecord("lang/gcc", "1", AttemptStatus.Success) { Start = start, End = start.AddMinutes(m) }, Ct);
        }

        await db.RecordAttemptAsync(run.Id, new AttemptRecord("lang/gcc", "1", AttemptStatus.Failed) { Start = time.GetUtcNow(), End = time.GetUtcNow().AddMinutes(1) }, Ct);

        // The last 5 successes are 10, 12, 11, 9, 600: without the fastest and slowest, (10 + 11 + 12) / 3 = 11.
        Assert.Equal([10d, 12, 11, 9, 600], db.GetRecentDurations("lang/gcc").Select(d => d.TotalMinutes));
        Assert.Equal(TimeSpan.FromMinutes(11), db.ExpectedDuration("lang/gcc"));
        Assert.Null(db.ExpectedDuration("lang/never"));
    }

    [Fact]
    public async Task GetStatistics_SeededDatabase_CountsRunsAttemptsAndNodes()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir));
        await Db.SeedAsync(db);
        var run = await db.StartRunAsync("x", Ct);
        await db.StartAttemptAsync(run.Id, "x/y", "1", 0, Ct);

        var stats = db.GetStatistics();

        Assert.Equal(3, stats.Runs);
        Assert.Equal(1, stats.RunningRuns);
        Assert.Equal(13, stats.Attempts);
        Assert.Equal(1, stats.RunningAttempts);
        Assert.Equal(7, stats.Nodes);
        Assert.Equal(2, stats.NodesWithSuccess);
        Assert.Equal(new FileInfo(db.Path).Length, stats.FileBytes);
        Assert.True(stats.Records >= 13 + 3);
    }

    [Fact]
    public async Task Writes_InvalidUse_ThrowClearErrors()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir));
        var run = await db.StartRunAsync("default", Ct);
        var attempt = await db.StartAttemptAsync(run.Id, "a/b", "1", 0, Ct);
        await db.FinishAttemptAsync(attempt.Id, new AttemptResult(AttemptStatus.Success), Ct);
        await db.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => db.StartAttemptAsync(99, "a/b", "1", 0, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.StartAttemptAsync(run.Id, "a/b", "1", 0, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.FinishAttemptAsync(attempt.Id, new AttemptResult(AttemptStatus.Failed), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.FinishAttemptAsync(12345, new AttemptResult(AttemptStatus.Failed), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => db.RecordAttemptAsync(run.Id, new AttemptRecord("a/b", "1", AttemptStatus.Running), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => db.StartRunAsync(new string('x', 9000), Ct));
        var run2 = await db.StartRunAsync("default", Ct);
        await Assert.ThrowsAsync<ArgumentException>(() => db.StartAttemptAsync(run2.Id, "bad\nnode", "1", 0, Ct));
        Assert.Equal(2, db.GetStatistics().Runs);
    }

    [Fact]
    public async Task FinishAttemptAsync_LongExcerpt_KeepsTheEnd()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir), options: new BuildDbOptions { Durability = Durability.None, MaxExcerptLength = 10 });
        var run = await db.StartRunAsync("default", Ct);
        var a = await db.StartAttemptAsync(run.Id, "a/b", "1", 0, Ct);

        var finished = await db.FinishAttemptAsync(a.Id, new AttemptResult(AttemptStatus.Failed) { FailureExcerpt = "lots of output then: error 42" }, Ct);

        Assert.Equal(": error 42", finished.FailureExcerpt);
    }

    [Fact]
    public async Task Reopen_AfterWrites_ShowsTheSameHistory()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        IReadOnlyList<PortAttempt> before;
        IReadOnlyList<BuildRun> runs;
        await using (var db = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(db);
            before = [.. db.GetPortStates().SelectMany(s => db.GetHistory(s.Node))];
            runs = db.ListRuns();
        }

        await using var reopened = await Db.ReadAsync(path);

        Assert.Equal(before, [.. reopened.GetPortStates().SelectMany(s => reopened.GetHistory(s.Node))]);
        Assert.Equal(runs, reopened.ListRuns());
        Assert.True(reopened.OpenReport.IsClean);
    }

    [Fact]
    public async Task ReadOnly_WriteCall_ThrowsInvalidOperation()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await (await Db.OpenAsync(path)).DisposeAsync();
        await using var reader = await Db.ReadAsync(path);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reader.StartRunAsync("x", Ct));
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenReadOnlyAsync_Missing_ThrowsFileNotFound()
    {
        using var dir = new TempDirectory();
        await Assert.ThrowsAsync<FileNotFoundException>(() => Db.ReadAsync(dir.Combine("none.db")));
    }
}

using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

public sealed class DurabilityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Durability.Always)]
    [InlineData(Durability.Batched)]
    public async Task Append_FlushingModes_ReturnsOnlyAfterAFlushCoveringTheRecord(Durability durability)
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir), options: new BuildDbOptions { Durability = durability, BatchWindow = TimeSpan.FromMilliseconds(20) });
        var run = await db.StartRunAsync("p", Ct);
        Assert.Equal(db.Pipeline!.Position, db.Pipeline.SyncedPosition);

        for (var i = 0; i < 5; i++)
        {
            var before = db.Pipeline.Position;
            await db.RecordAttemptAsync(run.Id, new AttemptRecord($"a/p{i}", "1", AttemptStatus.Success), Ct);

            Assert.True(db.Pipeline.Position > before);
            Assert.Equal(db.Pipeline.Position, db.Pipeline.SyncedPosition);
            Assert.Equal(db.Pipeline.Position, new FileInfo(db.Path).Length);
        }
    }

    [Theory]
    [InlineData(Durability.Always)]
    [InlineData(Durability.Batched)]
    public async Task Append_ManyConcurrentCalls_ShareFlushes(Durability durability)
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir), options: new BuildDbOptions { Durability = durability, BatchWindow = TimeSpan.FromMilliseconds(20) });
        var run = await db.StartRunAsync("p", Ct);
        var flushesBefore = db.Pipeline!.Flushes;

        var calls = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await db.RecordAttemptAsync(run.Id, new AttemptRecord($"a/p{i}", "1", AttemptStatus.Success), Ct);
            return db.Pipeline.SyncedPosition;
        })).ToArray();
        var syncedAtReturn = await Task.WhenAll(calls);

        var flushes = db.Pipeline.Flushes - flushesBefore;
        Assert.InRange(flushes, 1, 199);
        Assert.All(syncedAtReturn, s => Assert.True(s > 0));
        Assert.Equal(db.Pipeline.Position, db.Pipeline.SyncedPosition);
        Assert.Equal(200, db.GetStatistics().Attempts);
    }

    [Fact]
    public async Task Append_None_WritesToTheFileWithoutFlushingUntilAsked()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir), options: new BuildDbOptions { Durability = Durability.None });
        var run = await db.StartRunAsync("p", Ct);
        await db.RecordAttemptAsync(run.Id, new AttemptRecord("a/b", "1", AttemptStatus.Success), Ct);

        Assert.Equal(0, db.Pipeline!.Flushes);
        Assert.Equal(db.Pipeline.Position, new FileInfo(db.Path).Length);

        await db.FlushAsync(Ct);

        Assert.Equal(1, db.Pipeline.Flushes);
        Assert.Equal(db.Pipeline.Position, db.Pipeline.SyncedPosition);
    }

    [Fact]
    public async Task RecordAttemptsAsync_Batch_OneWriteOneFlush()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir), options: new BuildDbOptions { Durability = Durability.Always });
        var run = await db.StartRunAsync("p", Ct);
        var flushes = db.Pipeline!.Flushes;

        await db.RecordAttemptsAsync(run.Id, [.. Enumerable.Range(0, 500).Select(i => new AttemptRecord($"a/p{i}", "1", AttemptStatus.Success))], Ct);

        Assert.Equal(flushes + 1, db.Pipeline.Flushes);
        Assert.Equal(500, db.GetStatistics().Attempts);
        Assert.Equal(db.Pipeline.Position, db.Pipeline.SyncedPosition);
    }

    [Fact]
    public void Options_Invalid_AreRejectedNamingTheOption()
    {
        Assert.Contains("DurationSamples", Assert.Throws<ArgumentException>(() => new BuildDbOptions { DurationSamples = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("BatchWindow", Assert.Throws<ArgumentException>(() => new BuildDbOptions { BatchWindow = TimeSpan.FromMinutes(1) }.Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("Durability", Assert.Throws<ArgumentException>(() => new BuildDbOptions { Durability = (Durability)9 }.Validate()).Message, StringComparison.Ordinal);
    }
}

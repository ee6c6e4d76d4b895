using System.Collections.Concurrent;
using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

/// <summary>A full disk: a failed append is not stored, a repair that cannot fit says so and leaves nothing behind.</summary>
public sealed class DiskFullTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Durability.Batched)]
    [InlineData(Durability.None)]
    public async Task Append_DiskFills_FailedCallsAreNotStoredAndQueriesShowOnlyStoredRecords(Durability durability)
    {
        using var fs = Tmpfs.Mount(96 << 10);
        var path = fs.Combine("gosynth.db");
        var succeeded = new ConcurrentBag<string>();
        var failed = new ConcurrentBag<string>();
        var excerpt = new string('e', 700);
        await using (var db = await Db.OpenAsync(path, options: new BuildDbOptions { Durability = durability, BatchWindow = TimeSpan.FromMilliseconds(5) }))
        {
            var run = await db.StartRunAsync("full", Ct);
            var next = 0;
            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                for (var i = 0; i < 400; i++)
                {
                    var node = $"full/n{Interlocked.Increment(ref next)}";
                    try
                    {
                        await db.RecordAttemptAsync(run.Id, new AttemptRecord(node, "1", AttemptStatus.Failed) { FailureExcerpt = excerpt }, Ct);
                        succeeded.Add(node);
                    }
                    catch (BuildDbException)
                    {
                        failed.Add(node);
                    }
                }
            }, Ct)).ToArray();
            await Task.WhenAll(workers);

            Assert.NotEmpty(succeeded);
            Assert.NotEmpty(failed);
            Assert.All(succeeded, n => Assert.NotNull(db.GetPortState(n)));
            Assert.All(failed, n => Assert.Null(db.GetPortState(n)));
            Assert.Equal(succeeded.Count, db.GetStatistics().Attempts);
        }

        await using var reader = await Db.ReadAsync(path);
        Assert.All(succeeded, n => Assert.NotNull(reader.GetPortState(n)));
        Assert.All(failed, n => Assert.Null(reader.GetPortState(n)));
        Assert.Equal(succeeded.Count, reader.GetStatistics().Attempts);
    }

    [Fact]
    public async Task OpenAsync_RepairOnNearlyFullDisk_ThrowsNamingFileAndSpaceAndLeavesNoCopies()
    {
        using var dir = new TempDirectory();
        var seed = Db.PathIn(dir);
        await using (var db = await Db.OpenAsync(seed))
        {
            var run = await db.StartRunAsync("big", Ct);
            await db.RecordAttemptsAsync(run.Id, [.. Enumerable.Range(0, 600).Select(i => new AttemptRecord($"big/n{i}", "1", AttemptStatus.Failed) { FailureExcerpt = new string('x', 200) })], Ct);
        }

        var bytes = await File.ReadAllBytesAsync(seed, Ct);
        bytes.AsSpan(bytes.Length / 2, 8).Fill(0x00);
        using var fs = Tmpfs.Mount((3 * bytes.Length) + (256 << 10));
        var path = fs.Combine("gosynth.db");
        await File.WriteAllBytesAsync(path, bytes, Ct);
        fs.Fill(leave: (bytes.Length / 2) + (16 << 10));

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var error = await Assert.ThrowsAsync<BuildDbException>(() => Db.OpenAsync(path));

            Assert.Equal(path, error.Path);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("bytes", error.Message, StringComparison.Ordinal);
            Assert.Contains("free", error.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(fs.Path, "gosynth.db.damaged-*"));
            Assert.Empty(Directory.GetFiles(fs.Path, "*.tmp"));
            Assert.Equal(bytes, await File.ReadAllBytesAsync(path, Ct));
        }

        File.Delete(fs.Combine("filler"));
        await using var repaired = await Db.OpenAsync(path);
        Assert.True(repaired.OpenReport.HasLoss);
        Assert.Single(Directory.GetFiles(fs.Path, "gosynth.db.damaged-*"));
    }

    [Fact]
    public async Task CompactAsync_DiskFull_ThrowsNamingFileLeavesNoTemporaryFileAndStaysUsable()
    {
        using var fs = Tmpfs.Mount(512 << 10);
        var path = fs.Combine("gosynth.db");
        await using var db = await Db.OpenAsync(path);
        var run = await db.StartRunAsync("big", Ct);
        await db.RecordAttemptsAsync(run.Id, [.. Enumerable.Range(0, 400).Select(i => new AttemptRecord($"big/n{i}", "1", AttemptStatus.Failed) { FailureExcerpt = new string('x', 300) })], Ct);
        var before = await File.ReadAllBytesAsync(path, Ct);
        fs.Fill(leave: 8 << 10);

        var error = await Assert.ThrowsAsync<BuildDbException>(() => db.CompactAsync(new CompactionOptions { KeepRuns = 1 }, Ct));

        Assert.Equal(path, error.Path);
        Assert.Contains("compaction", error.Message, StringComparison.Ordinal);
        Assert.Contains("bytes free", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(fs.Path, "*.tmp"));
        Assert.Equal(before, await File.ReadAllBytesAsync(path, Ct));
        File.Delete(fs.Combine("filler"));
        await db.RecordAttemptAsync(run.Id, new AttemptRecord("after/compaction", "1", AttemptStatus.Success), Ct);
        Assert.Equal(401, db.GetStatistics().Attempts);
    }
}

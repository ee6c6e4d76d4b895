using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

/// <summary>A tailing reader (a monitor refreshing in a loop) must cost the machine little when little is new.</summary>
public sealed class RefreshAllocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_NothingNew_AllocatesNoScanBuffer()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var writer = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(writer);
        }

        await using var reader = await Db.ReadAsync(path);
        reader.Refresh();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(0, reader.Refresh());
        }

        var perRefresh = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perRefresh < 4096, $"a refresh with nothing new allocated {perRefresh} bytes");
    }

    [Fact]
    public async Task Refresh_OneNewRecordEachTime_ReusesTheScanBuffer()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using var writer = await Db.OpenAsync(path);
        var run = await writer.StartRunAsync("tail", Ct);

        // The first attempt allocates the reader's first block of attempt rows (state, not scanning).
        await writer.RecordAttemptAsync(run.Id, new AttemptRecord("t/first", "1", AttemptStatus.Success), Ct);
        await using var reader = await Db.ReadAsync(path);
        reader.Refresh();
        long allocated = 0;
        for (var i = 0; i < 50; i++)
        {
            await writer.RecordAttemptAsync(run.Id, new AttemptRecord($"t/p{i}", "1", AttemptStatus.Success), Ct);
            var before = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(1, reader.Refresh());
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(allocated / 50 < 64 << 10, $"a refresh reading one record allocated {allocated / 50} bytes");
        Assert.Equal(51, reader.GetStatistics().Attempts);
    }
}

using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

public sealed class LockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAsync_SecondWriter_ThrowsLockedNamingTheHolder()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using var first = await Db.OpenAsync(path);

        var error = await Assert.ThrowsAsync<BuildDbLockedException>(() => Db.OpenAsync(path));

        Assert.Contains($"pid {System.Environment.ProcessId}", error.Holder, StringComparison.Ordinal);
        Assert.Contains(System.Environment.MachineName, error.Holder, StringComparison.Ordinal);
        Assert.Equal(path + ".lock", error.LockPath);
        Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_AfterDispose_OpensCleanlyWithoutStaleWarning()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await (await Db.OpenAsync(path)).DisposeAsync();
        var logs = new CapturingLoggerFactory();

        await using var second = await Db.OpenAsync(path, logs);

        Assert.Null(second.OpenReport.StaleLockHolder);
        Assert.False(logs.Has(BuildDbEventIds.StaleLockTakenOver));
    }

    [Fact]
    public async Task Readers_WhileWriterWrites_NeverBlockEachOther()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await (await Db.OpenAsync(path)).DisposeAsync();
        await using var earlyReader = await Db.ReadAsync(path);

        await using var writer = await Db.OpenAsync(path);
        var run = await writer.StartRunAsync("p", Ct);
        await using var lateReader = await Db.ReadAsync(path);
        await writer.RecordAttemptAsync(run.Id, new AttemptRecord("a/b", "1", AttemptStatus.Success), Ct);
        await earlyReader.RefreshAsync(Ct);
        await lateReader.RefreshAsync(Ct);

        Assert.Equal(1, earlyReader.GetStatistics().Attempts);
        Assert.Equal(1, lateReader.GetStatistics().Attempts);
        Assert.False(File.Exists(path + ".lock") && new FileInfo(path + ".lock").Length == 0);
    }

    [Fact]
    public async Task OpenAsync_LockOfAnotherProcess_ThrowsWhileItLivesAndTakesOverAfterItDies()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        using var child = FaultChild.Start(path, Durability.None, seed: 1);
        await child.WaitForLineAsync("ready", Ct);

        var error = await Assert.ThrowsAsync<BuildDbLockedException>(() => Db.OpenAsync(path));
        Assert.Contains($"pid {child.Pid}", error.Holder, StringComparison.Ordinal);

        await child.KillAsync();
        var logs = new CapturingLoggerFactory();
        await using var db = await Db.OpenAsync(path, logs);

        Assert.Contains($"pid {child.Pid}", db.OpenReport.StaleLockHolder, StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.EventId == BuildDbEventIds.StaleLockTakenOver && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains($"pid {child.Pid}", StringComparison.Ordinal));
    }
}

using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

/// <summary>One writer per database file, whatever name it is opened by.</summary>
public sealed class LinkLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAsync_SecondWriterThroughSymlink_ThrowsLocked()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using var first = await Db.OpenAsync(path);
        var link = dir.Combine("link.db");
        File.CreateSymbolicLink(link, path);

        var error = await Assert.ThrowsAsync<BuildDbLockedException>(() => Db.OpenAsync(link));

        Assert.Contains($"pid {System.Environment.ProcessId}", error.Holder, StringComparison.Ordinal);
        await first.StartRunAsync("still mine", Ct);
    }

    [Fact]
    public async Task OpenAsync_SecondWriterThroughHardLink_ThrowsLocked()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using var first = await Db.OpenAsync(path);
        var link = dir.Combine("other", "hard.db");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        HardLink(path, link);

        var error = await Assert.ThrowsAsync<BuildDbLockedException>(() => Db.OpenAsync(link));

        Assert.Contains("same file", error.Message, StringComparison.Ordinal);
        await first.StartRunAsync("still mine", Ct);
    }

    [Fact]
    public async Task OpenAsync_HardLinkAfterFirstWriterClosed_Opens()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await (await Db.OpenAsync(path)).DisposeAsync();
        var link = dir.Combine("hard.db");
        HardLink(path, link);

        await using var second = await Db.OpenAsync(link);

        Assert.True(second.OpenReport.IsClean);
    }

    [Fact]
    public async Task CompactAsync_WriterOpenedThroughSymlink_KeepsTheLinkAndWritesTheTarget()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await (await Db.OpenAsync(path)).DisposeAsync();
        var link = dir.Combine("link.db");
        File.CreateSymbolicLink(link, path);

        await using (var db = await Db.OpenAsync(link))
        {
            await Db.SeedAsync(db);
            await db.CompactAsync(new CompactionOptions { KeepRuns = 1 }, Ct);
            await db.StartRunAsync("after", Ct);
        }

        Assert.NotNull(new FileInfo(link).LinkTarget);
        await using var reader = await Db.ReadAsync(path);
        Assert.Equal("after", reader.ListRuns(0, 1).Single().Profile);
    }

    private static void HardLink(string existing, string link)
    {
        var info = new System.Diagnostics.ProcessStartInfo("ln") { ArgumentList = { existing, link } };
        using var ln = System.Diagnostics.Process.Start(info)!;
        ln.WaitForExit();
        Assert.Equal(0, ln.ExitCode);
    }
}

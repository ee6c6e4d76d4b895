namespace GoSynth.BuildDb.Tests;

/// <summary>A database on a read-only file system: a writer is refused for what it is, a reader works.</summary>
public sealed class ReadOnlyFileSystemTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OpenAsync_ReadOnlyFileSystem_SaysSoAndAdvisesReadOnlyOpen(bool lockFileLeft)
    {
        using var fs = Tmpfs.Mount(1 << 20);
        var path = fs.Combine("gosynth.db");
        await using (var db = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(db);
        }

        if (!lockFileLeft)
        {
            File.Delete(path + ".lock");
        }

        fs.MakeReadOnly();
        try
        {
            var error = await Assert.ThrowsAsync<BuildDbException>(() => Db.OpenAsync(path));

            Assert.IsNotType<BuildDbLockedException>(error);
            Assert.Contains("read-only file system", error.Message, StringComparison.Ordinal);
            Assert.Contains("OpenReadOnlyAsync", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("delete the lock", error.Message, StringComparison.Ordinal);
            Assert.Equal(path, error.Path);
            await using var reader = await Db.ReadAsync(path);
            Assert.Equal(12, reader.GetStatistics().Attempts);
        }
        finally
        {
            fs.MakeWritable();
        }
    }
}

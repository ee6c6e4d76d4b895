using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

public sealed class ReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RefreshAsync_RecordWrittenInTwoParts_InvisibleUntilCompleteThenVisible()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("tail.db");
        var first = Frames.Frame(0x01, Frames.RunStartedPayload(1, 1, "first"));
        var second = Frames.Frame(0x01, Frames.RunStartedPayload(1, 2, "second"));
        await File.WriteAllBytesAsync(path, [.. Frames.Header(1), .. first, .. second[..7]], Ct);

        await using var reader = await Db.ReadAsync(path);
        Assert.Equal(["first"], reader.ListRuns().Select(r => r.Profile));
        Assert.Empty(reader.OpenReport.Damage);

        await using (var stream = new FileStream(path, FileMode.Append))
        {
            await stream.WriteAsync(second.AsMemory(7), Ct);
        }

        var added = await reader.RefreshAsync(Ct);

        Assert.Equal(1, added);
        Assert.Equal(["second", "first"], reader.ListRuns().Select(r => r.Profile));
        Assert.Empty(reader.OpenReport.Damage);
    }

    [Fact]
    public async Task RefreshAsync_NothingNew_ReturnsZeroAndKeepsState()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var writer = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(writer);
        }

        await using var reader = await Db.ReadAsync(path);
        var before = reader.GetPortStates();

        Assert.Equal(0, await reader.RefreshAsync(Ct));
        Assert.Equal(before, reader.GetPortStates());
    }
}

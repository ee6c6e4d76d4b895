using System.Buffers.Binary;
using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

/// <summary>
/// A failure excerpt is build-log text an attacker controls. A CRC-valid frame inside it must never become a record,
/// whatever happens to the record around it: a crash cutting it short, a reader reading it while it is written,
/// a bit flip in its length.
/// </summary>
public sealed class ForgedFrameTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_TornWriteOfRecordCarryingForgedFrame_ForgedFrameIsNeverARecord()
    {
        using var dir = new TempDirectory();
        var (path, bytes, host) = await WriteHostileAsync(dir, trailing: false);
        var forged = Forgery.OffsetIn(bytes);
        Assert.True(forged > host.Start, "the forged frame must be inside the hostile record");

        // The crash cut the hostile record after the forged frame, before its own end.
        await File.WriteAllBytesAsync(path, bytes[..(forged + Forgery.Frame().Length + 3)], Ct);

        await using (var reader = await Db.ReadAsync(path))
        {
            Assert.False(Forgery.Appears(reader));
            Assert.Equal(AttemptStatus.Running, reader.GetAttempt(host.AttemptId)!.Status);
        }

        await using var writer = await Db.OpenAsync(path);
        Assert.False(Forgery.Appears(writer));
        Assert.False(writer.OpenReport.HasLoss, string.Join("; ", writer.OpenReport.Damage.Select(d => d.Detail)));
        Assert.True(writer.OpenReport.TornTailCut);
        Assert.Equal(AttemptStatus.Interrupted, writer.GetAttempt(host.AttemptId)!.Status);
    }

    [Fact]
    public async Task Refresh_TailingReaderSeesRecordCarryingForgedFrameHalfWritten_ForgedFrameIsNeverARecord()
    {
        using var dir = new TempDirectory();
        var (source, bytes, host) = await WriteHostileAsync(dir, trailing: false);
        var path = dir.Combine("tail.db");
        var cut = Forgery.OffsetIn(bytes) + Forgery.Frame().Length + 1;
        await File.WriteAllBytesAsync(path, bytes[..cut], Ct);

        await using var reader = await Db.ReadAsync(path);
        Assert.False(Forgery.Appears(reader));
        Assert.Empty(reader.OpenReport.Damage);
        Assert.Equal(0, await reader.RefreshAsync(Ct));
        Assert.False(Forgery.Appears(reader));

        await using (var stream = new FileStream(path, FileMode.Append))
        {
            await stream.WriteAsync(bytes.AsMemory(cut), Ct);
        }

        Assert.Equal(2, await reader.RefreshAsync(Ct)); // the hostile record and the end of its run
        Assert.False(Forgery.Appears(reader));
        Assert.Empty(reader.OpenReport.Damage);
        var finished = reader.GetAttempt(host.AttemptId)!;
        Assert.Equal(AttemptStatus.Failed, finished.Status);
        Assert.Equal(Forgery.Excerpt(), finished.FailureExcerpt);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(source, Ct));
    }

    [Theory]
    [InlineData(1, 0x08)]
    [InlineData(0, 0x80)]
    [InlineData(0, 0x01)]
    public async Task Open_LengthBitFlipInRecordCarryingForgedFrame_ForgedFrameIsNeverARecord(int lengthByte, int bit)
    {
        using var dir = new TempDirectory();
        var (path, bytes, host) = await WriteHostileAsync(dir, trailing: true);
        bytes[LengthField(bytes, host.Start) + lengthByte] ^= (byte)bit;
        await File.WriteAllBytesAsync(path, bytes, Ct);

        await using (var reader = await Db.ReadAsync(path))
        {
            Assert.False(Forgery.Appears(reader));
            Assert.NotNull(reader.GetPortState("ok/after"));
        }

        await using var writer = await Db.OpenAsync(path);
        Assert.False(Forgery.Appears(writer));
        Assert.NotNull(writer.GetPortState("ok/after"));
        Assert.True(writer.OpenReport.HasLoss);
        await writer.DisposeAsync();
        await using var again = await Db.ReadAsync(path);
        Assert.False(Forgery.Appears(again));
        Assert.True(again.OpenReport.IsClean);
    }

    [Fact]
    public async Task Open_BitFlipTurnsByteBeforeForgedFrameIntoMarker_ForgedFrameIsNeverARecord()
    {
        using var dir = new TempDirectory();
        var (path, bytes, _) = await WriteHostileAsync(dir, trailing: true, Forgery.ExcerptAfterDel());
        var del = Forgery.OffsetIn(bytes) - 1;
        Assert.Equal(0x7F, bytes[del]);
        bytes[del] ^= 0x80;
        await File.WriteAllBytesAsync(path, bytes, Ct);

        await using (var reader = await Db.ReadAsync(path))
        {
            Assert.False(Forgery.Appears(reader));
            Assert.NotNull(reader.GetPortState("ok/after"));
            Assert.True(reader.OpenReport.HasLoss);
        }

        await using var writer = await Db.OpenAsync(path);
        Assert.False(Forgery.Appears(writer));
        Assert.NotNull(writer.GetPortState("ok/after"));
    }

    /// <summary>The offset of a record's length field: the record's first byte in format 1, after the frame marker since.</summary>
    internal static int LengthField(byte[] file, long recordStart) =>
        (int)recordStart + (BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8)) == 1 ? 0 : 1);

    /// <summary>
    /// Writes a history whose last attempt failed with the hostile excerpt (and, when <paramref name="trailing"/>, one
    /// more record after it). Returns the file, its bytes and where the hostile record starts and ends.
    /// </summary>
    internal static async Task<(string Path, byte[] Bytes, (long AttemptId, long Start, long End) Host)> WriteHostileAsync(TempDirectory dir, bool trailing, string? excerpt = null)
    {
        var path = Db.PathIn(dir);
        (long, long, long) host;
        await using (var db = await Db.OpenAsync(path))
        {
            await Db.SeedAsync(db);
            var run = await db.StartRunAsync("hostile", Ct);
            var attempt = await db.StartAttemptAsync(run.Id, "www/hostile", "1.0", 3, Ct);
            var start = new FileInfo(path).Length;
            await db.FinishAttemptAsync(attempt.Id, new AttemptResult(AttemptStatus.Failed) { Reason = "build failed", LastPhase = "build", FailureExcerpt = excerpt ?? Forgery.Excerpt() }, Ct);
            host = (attempt.Id, start, new FileInfo(path).Length);
            if (trailing)
            {
                await db.RecordAttemptAsync(run.Id, new AttemptRecord("ok/after", "1", AttemptStatus.Success), Ct);
            }

            await db.FinishRunAsync(run.Id, RunOutcome.Completed, Ct);
        }

        return (path, await File.ReadAllBytesAsync(path, Ct), host);
    }
}

using System.Buffers.Binary;
using System.IO.Hashing;
using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

public sealed class FormatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAsync_NewFile_WritesTheDocumentedHeaderAndFrames()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        await using (var db = await Db.OpenAsync(path))
        {
            await db.StartRunAsync("p", Ct);
        }

        var bytes = await File.ReadAllBytesAsync(path, Ct);

        Assert.Equal(new byte[] { 0x89, 0x47, 0x53, 0x44, 0x42, 0x0D, 0x0A, 0x1A }, bytes[..8]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(10)));
        Assert.Equal(Crc32.HashToUInt32(bytes.AsSpan(0, 20)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(0xFF, bytes[24]); // frame marker
        var body = Unescape(bytes.AsSpan(25));
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(body);
        Assert.Equal(body.Length, 9 + length);
        Assert.Equal(0x01, body[4]); // RunStarted
        Assert.Equal(1, body[5]); // payload revision
        Assert.Equal(1, body[6]); // run id 1
        Assert.Equal(Crc32.HashToUInt32(body.AsSpan(0, 5 + length)), BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(5 + length)));
        Assert.DoesNotContain((byte)0xFF, bytes[25..]);
    }

    [Fact]
    public async Task Open_NewerFormatVersion_RefusesWithClearMessageAndLeavesFileUntouched()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("new.db");
        byte[] original = [.. Frames.Header(3), .. Frames.Frame(0x01, Frames.RunStartedPayload(1, 1, "x"))];
        await File.WriteAllBytesAsync(path, original, Ct);

        var writer = await Assert.ThrowsAsync<BuildDbVersionException>(() => Db.OpenAsync(path));
        var reader = await Assert.ThrowsAsync<BuildDbVersionException>(() => Db.ReadAsync(path));

        Assert.Contains("newer GoSynth", writer.Message, StringComparison.Ordinal);
        Assert.Contains("format version 3", writer.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade GoSynth", reader.Message, StringComparison.Ordinal);
        Assert.Equal(original, await File.ReadAllBytesAsync(path, Ct));
    }

    [Fact]
    public async Task Open_UnknownRequiredRecordType_RefusesAsNewer()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("new.db");
        await File.WriteAllBytesAsync(path, [.. Frames.Header(1), .. Frames.Frame(0x40, [1, 2, 3])], Ct);

        var error = await Assert.ThrowsAsync<BuildDbVersionException>(() => Db.ReadAsync(path));

        Assert.Contains("0x40", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnknownOptionalTypeAndNewerPayloadRevision_ReadsWhatItKnows()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("mixed.db");
        byte[] file =
        [
            .. Frames.Header(1),
            .. Frames.Frame(0xF0, [9, 9, 9]),
            .. Frames.Frame(0x01, Frames.RunStartedPayload(revision: 2, id: 1, "future", extra: [0xAA, 0xBB])),
            .. Frames.Frame(0x01, Frames.RunStartedPayload(revision: 1, id: 2, "past")),
        ];
        await File.WriteAllBytesAsync(path, file, Ct);

        await using var db = await Db.ReadAsync(path);

        Assert.Equal(["past", "future"], db.ListRuns().Select(r => r.Profile));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(1), db.GetRun(1)!.Start);
        Assert.True(db.OpenReport.IsClean);
    }

    [Fact]
    public async Task Open_NotADatabase_ThrowsCorruptAndLeavesFileUntouched()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteFile("notes.txt", "this is not a database at all");

        var error = await Assert.ThrowsAsync<BuildDbCorruptException>(() => Db.OpenAsync(path));

        Assert.Contains("not a GoSynth build database", error.Message, StringComparison.Ordinal);
        Assert.Equal("this is not a database at all", await File.ReadAllTextAsync(path, Ct));
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.Contains("damaged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_EmptyFile_StartsANewDatabase()
    {
        using var dir = new TempDirectory();
        var path = dir.WriteFile("empty.db", string.Empty);

        await using var db = await Db.OpenAsync(path);
        await db.StartRunAsync("p", Ct);

        Assert.True(db.OpenReport.IsClean);
        Assert.Equal(1, db.GetStatistics().Runs);
    }

    [Theory]
    [InlineData(42, "ff 13 00 00 00 01 01 01 80 a0 d5 ed ee 66 08 64 65 66 61 75 6c 74 02 68 2a 03 6e e5 29")]
    [InlineData(255, "ff 14 00 00 00 01 01 01 80 a0 d5 ed ee 66 08 64 65 66 61 75 6c 74 02 68 fe 01 01 3d a6 3a 0e")]
    public void RunStartedFrame_DocumentedExamples_MatchFormatMdByteForByte(int pid, string expected)
    {
        var frame = GoSynth.BuildDb.Internal.RecordCodec.RunStarted(new GoSynth.BuildDb.Internal.FrameBuilder(), 1, 1767225600000, "default", "h", pid);

        Assert.Equal(expected, string.Join(' ', frame.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));
    }

    /// <summary>Undoes format 2's escaping of one frame body (FE 00 is FE, FE 01 is FF), up to the next marker.</summary>
    internal static byte[] Unescape(ReadOnlySpan<byte> stored)
    {
        var body = new List<byte>();
        for (var i = 0; i < stored.Length && stored[i] != 0xFF; i++)
        {
            body.Add(stored[i] == 0xFE ? (stored[++i] == 0 ? (byte)0xFE : (byte)0xFF) : stored[i]);
        }

        return [.. body];
    }
}

using System.Formats.Tar;
using GoSynth.Pkg.Packages.Internal;
using Moq;

namespace GoSynth.Pkg.Tests.Packages;

public sealed class ReadAheadStreamTests
{
    private const int OneBuffer = 1 << 18;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_MoreThanTheReadAheadDepth_ReturnsEveryByteInOrder()
    {
        var data = Bytes(3 * 1024 * 1024 + 12345);
        await using var stream = new ReadAheadStream(new MemoryStream(data));
        var copy = new MemoryStream();

        await stream.CopyToAsync(copy, 7919, Ct);

        Assert.True(stream.ReadingAhead);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public void Read_BeforeAnyAsyncRead_PassesThroughWithoutReadingAhead()
    {
        var data = Bytes(600_000);
        using var stream = new ReadAheadStream(new MemoryStream(data));
        var copy = new MemoryStream();

        stream.CopyTo(copy, 4096);

        Assert.False(stream.ReadingAhead);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public async Task Read_AfterReadAheadStarted_IsRefusedRatherThanBlockingOnIt()
    {
        await using var stream = new ReadAheadStream(new MemoryStream(Bytes(10_000)));
        var buffer = new byte[100];
        await stream.ReadExactlyAsync(buffer, Ct);

        var ex = Assert.Throws<NotSupportedException>(() => stream.Read(buffer));

        Assert.Contains("ReadAsync", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_SourceFails_RethrowsTheSourceError()
    {
        var source = new Mock<Stream>();
        source.SetupGet(s => s.CanRead).Returns(true);
        source.Setup(s => s.ReadAsync(It.IsAny<Memory<byte>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk gone"));
        await using var stream = new ReadAheadStream(source.Object);

        var ex = await Assert.ThrowsAsync<IOException>(async () => await stream.ReadExactlyAsync(new byte[10], Ct));

        Assert.Equal("disk gone", ex.Message);
    }

    [Fact]
    public async Task Dispose_ProducerStuckInARead_ReturnsAtOnceAndTheProducerDisposesTheSourceWhenItEnds()
    {
        // One full read-ahead buffer is handed over, then the producer's next read is held.
        var data = Bytes(OneBuffer);
        var source = new GatedSourceStream(data);
        var stream = new ReadAheadStream(source);
        var buffer = new byte[data.Length];
        await stream.ReadExactlyAsync(buffer, Ct).AsTask().WaitAsync(Patience, Ct);
        await source.Held.WaitAsync(Patience, Ct);

        // Run on another thread so that a Dispose blocking on the producer fails the test instead of hanging it.
        await Task.Run(stream.Dispose, Ct).WaitAsync(Patience, Ct);

        Assert.False(source.Disposed.IsCompleted, "the source was disposed while the producer was still reading it");
        source.Release();
        await source.Disposed.WaitAsync(Patience, Ct);
        Assert.Equal(data, buffer);
    }

    [Fact]
    public async Task DisposeAsync_ProducerStuckInARead_WaitsForItThenDisposesTheSource()
    {
        var source = new GatedSourceStream(Bytes(OneBuffer));
        var stream = new ReadAheadStream(source);
        await stream.ReadExactlyAsync(new byte[1000], Ct).AsTask().WaitAsync(Patience, Ct);
        await source.Held.WaitAsync(Patience, Ct);

        var dispose = stream.DisposeAsync().AsTask();
        Assert.False(source.Disposed.IsCompleted);
        source.Release();
        await dispose.WaitAsync(Patience, Ct);

        Assert.True(source.Disposed.IsCompleted);
    }

    [Fact]
    public async Task TarReader_AsyncEntriesOverReadAhead_NeverFallsBackToSynchronousReads()
    {
        // Long names (pax and GNU headers), a large entry read in full, and entries skipped unread.
        var archive = new MemoryStream();
        var large = Bytes(2 * 1024 * 1024 + 3);
        var longName = string.Join('/', Enumerable.Repeat("a-rather-long-directory-name", 8)) + "/file";
        await using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, longName) { DataStream = new MemoryStream(Bytes(5000)) }, Ct);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "big") { DataStream = new MemoryStream(large) }, Ct);
            await writer.WriteEntryAsync(new GnuTarEntry(TarEntryType.RegularFile, longName + "-gnu") { DataStream = new MemoryStream(Bytes(70_000)) }, Ct);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "dir/"), Ct);
        }

        archive.Position = 0;
        await using var stream = new ReadAheadStream(archive);
        await using var reader = new TarReader(stream, leaveOpen: true);
        var names = new List<string>();
        byte[]? bigCopy = null;
        while (await reader.GetNextEntryAsync(copyData: false, Ct) is { } entry)
        {
            names.Add(entry.Name);
            if (entry.Name == "big")
            {
                bigCopy = new byte[entry.Length];
                await entry.DataStream!.ReadExactlyAsync(bigCopy, Ct);
            }
        }

        // A synchronous Read after the first ReadAsync throws; one before it would have turned read-ahead off.
        Assert.True(stream.ReadingAhead);
        Assert.Equal([longName, "big", longName + "-gnu", "dir/"], names);
        Assert.Equal(large, bigCopy);
    }

    private static byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }
}

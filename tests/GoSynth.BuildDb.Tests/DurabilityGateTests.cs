using GoSynth.BuildDb.Internal;
using GoSynth.Testing;

namespace GoSynth.BuildDb.Tests;

/// <summary>
/// Holds each flush at a gate to prove the durability promise itself: a call returns only once a completed flush
/// covers the end of its record (<see cref="Durability.Always"/>, <see cref="Durability.Batched"/>), and
/// <see cref="Durability.None"/> promises a write and nothing more.
/// </summary>
public sealed class DurabilityGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Durability.Always)]
    [InlineData(Durability.Batched)]
    public async Task Append_FlushHeld_NoCallReturnsBeforeAFlushCoversItsRecord(Durability durability)
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir), options: new BuildDbOptions { Durability = durability, BatchWindow = TimeSpan.FromMilliseconds(5) });
        var run = await db.StartRunAsync("p", Ct);
        var pipeline = db.Pipeline!;
        using var flusher = new GatedFlusher();
        pipeline.Flusher = flusher;
        var start = pipeline.Position;

        const int Count = 40;
        var calls = new Task<PortAttempt>[Count];
        var snapshots = new List<(long Synced, bool[] Returned)>();

        // Taken on the writer thread as each flush starts: what has returned while nothing new is durable yet.
        flusher.OnEnter = () => snapshots.Add((pipeline.SyncedPosition, [.. calls.Select(c => c is { IsCompleted: true })]));
        for (var i = 0; i < Count; i++)
        {
            var n = i;
            calls[i] = Task.Run(() => db.RecordAttemptAsync(run.Id, new AttemptRecord($"a/p{n}", "1", AttemptStatus.Success), Ct), Ct);
        }

        var all = Task.WhenAll(calls);
        var held = new List<(long Synced, bool[] Returned)>();
        while (!all.IsCompleted)
        {
            var entered = flusher.WaitEnteredAsync(Patience, Ct);
            await Task.WhenAny(all, entered);
            if (!entered.IsCompleted || !await entered)
            {
                break;
            }

            // While the flush is held nothing can become durable: give a wrongly acknowledged call time to show.
            await Task.WhenAny(all, Task.Delay(20, Ct));
            held.Add((pipeline.SyncedPosition, [.. calls.Select(c => c.IsCompleted)]));
            flusher.ReleaseOne();
        }

        await all.WaitAsync(Patience, Ct);
        var syncedAtReturn = pipeline.SyncedPosition;
        var ends = RecordEnds(db.Path, start, calls.Select(c => c.Result.Id).ToArray());

        Assert.NotEmpty(snapshots);
        Assert.Contains(false, snapshots[0].Returned);
        foreach (var (synced, returned) in snapshots.Concat(held))
        {
            for (var i = 0; i < Count; i++)
            {
                Assert.False(returned[i] && ends[i] > synced, $"call {i} returned with its record ending at {ends[i]} while only {synced} bytes were flushed");
            }
        }

        // Once every call has returned, every record must be covered (here the last flush is never let through
        // if a call returned before reaching it).
        Assert.True(syncedAtReturn == ends.Max(), $"every call returned but only {syncedAtReturn} of {ends.Max()} bytes were flushed");
        Assert.Equal(pipeline.Position, syncedAtReturn);
    }

    [Theory]
    [InlineData(Durability.Always)]
    [InlineData(Durability.Batched)]
    public async Task Append_FlushHeld_CallWaitsForTheFlushThenReturns(Durability durability)
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir), options: new BuildDbOptions { Durability = durability, BatchWindow = TimeSpan.FromMilliseconds(5) });
        var run = await db.StartRunAsync("p", Ct);
        var pipeline = db.Pipeline!;
        using var flusher = new GatedFlusher();
        pipeline.Flusher = flusher;

        for (var i = 0; i < 3; i++)
        {
            var synced = pipeline.SyncedPosition;
            var call = db.RecordAttemptAsync(run.Id, new AttemptRecord($"a/p{i}", "1", AttemptStatus.Success), Ct);
            Assert.True(await flusher.WaitEnteredAsync(Patience, Ct), "the append never reached a flush");
            var written = pipeline.Position;
            var returnedEarly = await Task.WhenAny(call, Task.Delay(50, Ct)) == call;

            Assert.False(returnedEarly, "the call returned while the flush covering its record was still running");
            Assert.True(written > synced);
            Assert.Equal(synced, pipeline.SyncedPosition);

            flusher.ReleaseOne();
            await call.WaitAsync(Patience, Ct);
            Assert.Equal(written, pipeline.SyncedPosition);
        }
    }

    [Fact]
    public async Task Append_None_ReturnsAfterTheWriteWithoutAnyFlush()
    {
        using var dir = new TempDirectory();
        await using var db = await Db.OpenAsync(Db.PathIn(dir), options: new BuildDbOptions { Durability = Durability.None });
        var run = await db.StartRunAsync("p", Ct);
        var pipeline = db.Pipeline!;
        using var flusher = new GatedFlusher();
        pipeline.Flusher = flusher;

        await db.RecordAttemptAsync(run.Id, new AttemptRecord("a/b", "1", AttemptStatus.Success), Ct).WaitAsync(Patience, Ct);

        Assert.Equal(0, flusher.Entered);
        Assert.Equal(pipeline.Position, new FileInfo(db.Path).Length);
        Assert.True(pipeline.SyncedPosition < pipeline.Position);

        // An explicit flush is the one durable promise None makes: it too returns only after the flush.
        var flush = db.FlushAsync(Ct);
        Assert.True(await flusher.WaitEnteredAsync(Patience, Ct));
        Assert.False(await Task.WhenAny(flush, Task.Delay(50, Ct)) == flush, "FlushAsync returned before the flush finished");
        flusher.ReleaseOne();
        await flush.WaitAsync(Patience, Ct);
        Assert.Equal(pipeline.Position, pipeline.SyncedPosition);
    }

    /// <summary>The end offset of each call's record: records are appended in id order, one frame each, after <paramref name="start"/>.</summary>
    private static long[] RecordEnds(string path, long start, long[] ids)
    {
        var frameEnds = new List<long>();
        using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            new FrameScanner(new ScanWindow().Reset(handle, RandomAccess.GetLength(handle))).Scan(start, (offset, length, _, _) => frameEnds.Add(offset + length), [], out _);
        }

        Assert.Equal(ids.Length, frameEnds.Count);
        var order = ids.Order().ToArray();
        return [.. ids.Select(id => frameEnds[Array.IndexOf(order, id)])];
    }
}

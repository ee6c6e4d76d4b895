using BenchmarkDotNet.Attributes;
using GoSynth.BuildDb;

namespace GoSynth.Benchmarks.BuildDb;

/// <summary>
/// Writer throughput while readers tail the database, as <c>monitor</c> and a dashboard do: each reader refreshes
/// about every millisecond (far more often than a monitor needs) in the same process. One operation = 100
/// concurrent <see cref="BuildDatabase.RecordAttemptAsync"/> calls. Compare the mean with 4 readers to the mean with
/// none: the target is at least 0.9 of the throughput.
/// </summary>
[MemoryDiagnoser]
public class BuildDbTailingBenchmarks
{
    private const int BatchSize = 100;
    private readonly CancellationTokenSource _stop = new();
    private string _dir = string.Empty;
    private BuildDatabase _db = null!;
    private long _runId;
    private AttemptRecord[] _batch = [];
    private Task[] _readers = [];
    private long _refreshes;

    /// <summary>Readers refreshing while the writer appends.</summary>
    [Params(0, 4)]
    public int Readers { get; set; }

    /// <summary>
    /// Batched (the default: each call waits for an fsync shared by the batch) or None (no fsync: the writer is
    /// bound by CPU, so whatever the readers cost shows fully).
    /// </summary>
    [Params(Durability.Batched, Durability.None)]
    public Durability Durability { get; set; }

    /// <summary>Opens the writer and starts the readers.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dir = System.IO.Directory.CreateTempSubdirectory("gosynth-bench-tail-").FullName;
        var path = Path.Combine(_dir, "tail.gsdb");
        _db = await BuildDatabase.OpenAsync(path, new BuildDbOptions { Durability = Durability });
        _runId = (await _db.StartRunAsync("bench")).Id;
        _batch = [.. Enumerable.Range(0, BatchSize).Select(i => BuildDbData.Attempt(1, i))];
        _readers = [.. Enumerable.Range(0, Readers).Select(_ => Task.Run(() => TailAsync(path)))];
    }

    /// <summary>Stops the readers, closes the writer and deletes the directory.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        await _db.DisposeAsync();
        System.IO.Directory.Delete(_dir, recursive: true);
        Console.WriteLine($"// {Readers} readers refreshed {_refreshes} times");
    }

    /// <summary>The writer: 100 concurrent appends, group-committed.</summary>
    [Benchmark]
    public Task Writer_100ConcurrentAppends()
    {
        var calls = new Task[_batch.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = _db.RecordAttemptAsync(_runId, _batch[i]);
        }

        return Task.WhenAll(calls);
    }

    private async Task TailAsync(string path)
    {
        await using var reader = await BuildDatabase.OpenReadOnlyAsync(path);
        while (!_stop.IsCancellationRequested)
        {
            await reader.RefreshAsync();
            Interlocked.Increment(ref _refreshes);
            try
            {
                await Task.Delay(1, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }
}

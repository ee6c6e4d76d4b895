using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GoSynth.BuildDb;
using Microsoft.Data.Sqlite;

namespace GoSynth.Benchmarks.BuildDb;

/// <summary>
/// Appending a batch of attempt records, flushed to disk once per batch (the same durability on both sides):
/// GoSynth.BuildDb with <see cref="Durability.Batched"/> vs SQLite in WAL mode with synchronous=FULL and one
/// transaction per batch. One operation = one batch.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
public class BuildDbAppendBenchmarks
{
    private string _dir = string.Empty;
    private BuildDatabase _db = null!;
    private long _runId;
    private SqliteConnection _sqlite = null!;
    private AttemptRecord[] _batch = [];
    private long _sqliteId;

    /// <summary>Records per batch.</summary>
    [Params(100, 1000)]
    public int BatchSize { get; set; }

    /// <summary>Opens both databases in a fresh directory.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dir = System.IO.Directory.CreateTempSubdirectory("gosynth-bench-append-").FullName;
        _db = await BuildDatabase.OpenAsync(Path.Combine(_dir, "append.gsdb"), new BuildDbOptions { Durability = Durability.Batched });
        _runId = (await _db.StartRunAsync("bench")).Id;
        _sqlite = BuildDbData.OpenSqlite(Path.Combine(_dir, "append.sqlite"), create: true);
        using (var run = _sqlite.CreateCommand())
        {
            run.CommandText = "INSERT INTO runs(id, profile, start, outcome) VALUES (1, 'bench', 0, 0)";
            run.ExecuteNonQuery();
        }

        _batch = [.. Enumerable.Range(0, BatchSize).Select(i => BuildDbData.Attempt(1, i))];
    }

    /// <summary>Closes both and deletes the directory.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _db.DisposeAsync();
        _sqlite.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_dir, recursive: true);
    }

    /// <summary>SQLite: one transaction (one WAL fsync) per batch, a prepared INSERT per record.</summary>
    [Benchmark(Baseline = true)]
    public void Sqlite_TransactionPerBatch()
    {
        using var tx = _sqlite.BeginTransaction();
        using var insert = BuildDbData.PrepareInsert(_sqlite, tx);
        foreach (var record in _batch)
        {
            BuildDbData.Bind(insert, ++_sqliteId, 1, record);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>GoSynth: the batch in one call (one write, one fsync).</summary>
    [Benchmark]
    public Task GoSynth_RecordAttemptsAsync() => _db.RecordAttemptsAsync(_runId, _batch);

    /// <summary>GoSynth: every record its own concurrent call, as parallel builders append; group commit shares the fsyncs.</summary>
    [Benchmark]
    public Task GoSynth_ConcurrentRecordAttemptAsync()
    {
        var calls = new Task[_batch.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = _db.RecordAttemptAsync(_runId, _batch[i]);
        }

        return Task.WhenAll(calls);
    }
}

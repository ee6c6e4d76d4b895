using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GoSynth.BuildDb;
using Microsoft.Data.Sqlite;

namespace GoSynth.Benchmarks.BuildDb;

/// <summary>Query latency on the 1,000,000-attempt history, GoSynth's in-memory indexes vs SQLite's B-tree indexes.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BuildDbQueryBenchmarks
{
    private const string Node = "cat17/port12017";
    private BuildDatabase _db = null!;
    private SqliteConnection _sqlite = null!;
    private SqliteCommand _history = null!;
    private SqliteCommand _latest = null!;
    private SqliteCommand _durations = null!;

    /// <summary>Opens both large databases.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        await BuildDbData.EnsureLargeGoSynthAsync();
        BuildDbData.EnsureLargeSqlite();
        _db = await BuildDatabase.OpenReadOnlyAsync(BuildDbData.LargeGoSynth);
        _sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = BuildDbData.LargeSqlite, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        _sqlite.Open();
        _history = Prepare("SELECT id, run, version, status, package_file, start, end FROM attempts WHERE node = $node ORDER BY id DESC LIMIT 20");
        _latest = Prepare("SELECT id, version, package_file, fingerprint, end FROM attempts WHERE node = $node AND status = 1 ORDER BY id DESC LIMIT 1");
        _durations = Prepare("SELECT end - start FROM attempts WHERE node = $node AND status = 1 ORDER BY id DESC LIMIT 8");
    }

    /// <summary>Closes both.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _db.DisposeAsync();
        _sqlite.Dispose();
    }

    /// <summary>SQLite: the last 20 attempts of a node.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("History")]
    public int Sqlite_History() => Drain(_history);

    /// <summary>GoSynth: the last 20 attempts of a node.</summary>
    [Benchmark]
    [BenchmarkCategory("History")]
    public int GoSynth_History() => _db.GetHistory(Node, 20).Count;

    /// <summary>SQLite: the latest success of a node.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("LatestSuccess")]
    public int Sqlite_LatestSuccess() => Drain(_latest);

    /// <summary>GoSynth: the latest success of a node.</summary>
    [Benchmark]
    [BenchmarkCategory("LatestSuccess")]
    public long GoSynth_LatestSuccess() => _db.GetLatestSuccess(Node)!.Id;

    /// <summary>SQLite: the recent successful durations of a node, averaged by the caller.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ExpectedDuration")]
    public double Sqlite_ExpectedDuration()
    {
        using var reader = _durations.ExecuteReader();
        long sum = 0;
        var n = 0;
        while (reader.Read())
        {
            sum += reader.GetInt64(0);
            n++;
        }

        return n == 0 ? 0 : (double)sum / n;
    }

    /// <summary>GoSynth: ExpectedDuration (robust average of the recent successes).</summary>
    [Benchmark]
    [BenchmarkCategory("ExpectedDuration")]
    public TimeSpan? GoSynth_ExpectedDuration() => _db.ExpectedDuration(Node);

    private SqliteCommand Prepare(string sql)
    {
        var command = _sqlite.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$node", Node);
        command.Prepare();
        return command;
    }

    private static int Drain(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            rows++;
        }

        return rows;
    }
}

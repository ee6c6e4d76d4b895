using BenchmarkDotNet.Attributes;
using GoSynth.BuildDb;
using Microsoft.Data.Sqlite;

namespace GoSynth.Benchmarks.BuildDb;

/// <summary>
/// Opening a history of 1,000,000 attempts (40 runs x 25,000 nodes). GoSynth reads every record and rebuilds its
/// indexes (port state, durations, per-node history); SQLite opens its file and answers the equivalent first
/// question from its indexes: the latest attempt and latest success of every node.
/// </summary>
[MemoryDiagnoser]
public class BuildDbOpenBenchmarks
{
    /// <summary>Builds the large databases once (kept in the temp directory for later runs).</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        await BuildDbData.EnsureLargeGoSynthAsync();
        BuildDbData.EnsureLargeFormat1();
        BuildDbData.EnsureLargeSqlite();
    }

    /// <summary>SQLite: open, then the state of every node through the (node, id) index.</summary>
    [Benchmark(Baseline = true)]
    public int Sqlite_OpenAndPortStates()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = BuildDbData.LargeSqlite, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT node, MAX(id), MAX(CASE WHEN status = 1 THEN id END) FROM attempts GROUP BY node";
        using var reader = query.ExecuteReader();
        var nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }

        return nodes;
    }

    /// <summary>GoSynth: open read-only a file of format version 1 (unescaped frames), written before format 2.</summary>
    [Benchmark]
    public async Task<long> GoSynth_OpenReadOnly_Format1()
    {
        await using var db = await BuildDatabase.OpenReadOnlyAsync(BuildDbData.LargeGoSynthFormat1);
        return db.GetStatistics().Attempts;
    }

    /// <summary>GoSynth: open read-only (replay of every record into the in-memory indexes).</summary>
    [Benchmark]
    public async Task<long> GoSynth_OpenReadOnly()
    {
        await using var db = await BuildDatabase.OpenReadOnlyAsync(BuildDbData.LargeGoSynth);
        return db.GetStatistics().Attempts;
    }
}

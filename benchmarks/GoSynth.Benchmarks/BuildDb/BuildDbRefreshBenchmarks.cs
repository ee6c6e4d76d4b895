using BenchmarkDotNet.Attributes;
using GoSynth.BuildDb;

namespace GoSynth.Benchmarks.BuildDb;

/// <summary>
/// What one reader refresh costs when nothing is new, the common case of a monitor polling an idle or slow writer:
/// the time and, above all, the memory (a refresh used to allocate a new 1 MiB scan buffer every time).
/// </summary>
[MemoryDiagnoser]
public class BuildDbRefreshBenchmarks
{
    private string _dir = string.Empty;
    private BuildDatabase _reader = null!;

    /// <summary>Writes 10,000 attempts and opens a reader.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _dir = System.IO.Directory.CreateTempSubdirectory("gosynth-bench-refresh-").FullName;
        var path = Path.Combine(_dir, "refresh.gsdb");
        await using (var writer = await BuildDatabase.OpenAsync(path, new BuildDbOptions { Durability = Durability.None }))
        {
            var run = await writer.StartRunAsync("bench");
            await writer.RecordAttemptsAsync(run.Id, [.. Enumerable.Range(0, 10_000).Select(i => BuildDbData.Attempt(1, i))]);
        }

        _reader = await BuildDatabase.OpenReadOnlyAsync(path);
    }

    /// <summary>Closes the reader and deletes the directory.</summary>
    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _reader.DisposeAsync();
        System.IO.Directory.Delete(_dir, recursive: true);
    }

    /// <summary>One refresh that finds nothing new (on the calling thread, as RefreshAsync runs it on the pool).</summary>
    [Benchmark]
    public long Refresh_NothingNew() => _reader.Refresh();
}

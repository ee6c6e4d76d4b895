using System.Diagnostics;
using GoSynth.Pkg.Repositories;
using GoSynth.Testing;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>The catalog's side cache: an incremental rebuild reads only changed files and writes the same bytes as a
/// full one; changes that keep size and mtime are still noticed; a damaged or foreign cache is never trusted.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CatalogCacheTests
{

    [Fact]
    public async Task RebuildAsync_AfterAddRemoveAndReplace_IncrementalIsByteIdenticalToFull()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 6);
        await SettleAsync();
        var first = await RebuildAsync(repo);
        Assert.Equal(6, first.PackagesRead);

        File.Delete(Path.Combine(repo, "All", "p2-1.pkg"));
        Package(repo, "p9", "1", "added");
        Package(repo, "p4", "1", "replaced with another comment");
        await SettleAsync();
        var incremental = await RebuildAsync(repo);
        var incrementalBytes = CatalogBytes(repo);
        var full = await RebuildAsync(repo, useCache: false);

        Assert.Equal(2, incremental.PackagesRead);
        Assert.Equal(6, full.PackagesRead);
        AssertSameCatalog(incrementalBytes, CatalogBytes(repo));
        Assert.Equal(full.Entries.Select(Describe), incremental.Entries.Select(Describe));
        Assert.Equal(full.Bytes, incremental.Bytes);
        Assert.Contains(incremental.Entries, e => e.Manifest.Comment == "replaced with another comment");
        Assert.DoesNotContain(incremental.Entries, e => e.Manifest.Name == "p2");

        var again = await RebuildAsync(repo);
        Assert.Equal(0, again.PackagesRead);
        AssertSameCatalog(incrementalBytes, CatalogBytes(repo));
    }

    [Fact]
    public async Task RebuildAsync_OverwrittenWithSameSizeAndMtime_IsReadAgain()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 3);
        var path = Path.Combine(repo, "All", "p1-1.pkg");
        Package(repo, path, "p1", "1", "QWERTYU");
        var mtime = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc); // whole seconds: restored exactly below
        File.SetLastWriteTimeUtc(path, mtime);
        await SettleAsync();
        await RebuildAsync(repo);

        // Same length, same mtime afterwards (touch -d back): only the ctime tells.
        var original = File.ReadAllBytes(path);
        var (other, comment) = SameSizeVariant(dir, original.Length, "p1");
        Assert.NotEqual(original, other);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Write(other);
        }

        File.SetLastWriteTimeUtc(path, mtime);
        await SettleAsync();
        var incremental = await RebuildAsync(repo);
        var bytes = CatalogBytes(repo);
        await RebuildAsync(repo, useCache: false);

        Assert.Equal(1, incremental.PackagesRead);
        Assert.Contains(incremental.Entries, e => e.Manifest.Comment == comment);
        AssertSameCatalog(bytes, CatalogBytes(repo));
    }

    [Fact]
    public async Task RebuildAsync_ReplacedByRenameWithSameSizeAndMtime_IsReadAgain()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 3);
        var path = Path.Combine(repo, "All", "p0-1.pkg");
        Package(repo, path, "p0", "1", "QWERTYU");
        var mtime = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, mtime);
        await SettleAsync();
        await RebuildAsync(repo);

        var staged = Path.Combine(repo, "All", ".p0.new");
        var (other, comment) = SameSizeVariant(dir, new FileInfo(path).Length, "p0");
        File.WriteAllBytes(staged, other);
        File.SetLastWriteTimeUtc(staged, mtime);
        File.Move(staged, path, overwrite: true);
        await SettleAsync();
        var incremental = await RebuildAsync(repo);

        Assert.Equal(1, incremental.PackagesRead);
        Assert.Contains(incremental.Entries, e => e.Manifest.Name == "p0" && e.Manifest.Comment == comment);
    }

    [Fact]
    public async Task RebuildAsync_FileChangedWithinTheCacheClockTick_IsReadEveryTimeUntilItIsOlder()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 3);
        // An mtime not strictly older than the cache's own time is racy: the file could change again unnoticed
        // within the same tick. A future mtime stays racy for every cache written before it.
        File.SetLastWriteTimeUtc(Path.Combine(repo, "All", "p1-1.pkg"), DateTime.UtcNow.AddHours(1));
        await SettleAsync();

        await RebuildAsync(repo);
        var second = await RebuildAsync(repo);
        var third = await RebuildAsync(repo);

        Assert.Equal(1, second.PackagesRead);
        Assert.Equal(1, third.PackagesRead);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("garbage")]
    public async Task RebuildAsync_DamagedCache_IsIgnoredWithALogLineAndRebuiltWithTheSameBytes(string damage)
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 4);
        await SettleAsync();
        await RebuildAsync(repo);
        var before = CatalogBytes(repo);
        var cache = CachePath(repo);
        var content = File.ReadAllBytes(cache);
        switch (damage)
        {
            case "flip":
                content[content.Length / 2] ^= 0x20;
                File.WriteAllBytes(cache, content);
                break;
            case "truncate":
                File.WriteAllBytes(cache, content[..(content.Length - 20)]);
                break;
            default:
                File.WriteAllText(cache, "not a cache at all");
                break;
        }

        await SettleAsync();
        var logger = new RecordingLogger<CatalogCacheTests>();
        var damaged = await RebuildAsync(repo, logger: logger);
        var next = await RebuildAsync(repo);

        Assert.Equal(4, damaged.PackagesRead);
        var line = Assert.Single(logger.Messages, m => m.Id == PkgEventIds.CatalogCacheIgnored);
        Assert.Contains(cache, line.Text, StringComparison.Ordinal);
        AssertSameCatalog(before, CatalogBytes(repo));
        Assert.Equal(0, next.PackagesRead);
    }

    [Fact]
    public async Task RebuildAsync_CacheOwnedByAnotherUser_IsIgnored()
    {
        RequireLinux();
        if (System.Environment.UserName != "root")
        {
            Assert.Skip("giving the cache to another user needs root");
        }

        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 3);
        await SettleAsync();
        await RebuildAsync(repo);
        Run("chown", "65534", CachePath(repo));

        var logger = new RecordingLogger<CatalogCacheTests>();
        var result = await RebuildAsync(repo, logger: logger);

        Assert.Equal(3, result.PackagesRead);
        Assert.Contains(logger.Messages, m => m.Id == PkgEventIds.CatalogCacheIgnored && m.Text.Contains("owned by uid 65534", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RebuildAsync_WorldWritableCache_IsIgnored()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 3);
        await SettleAsync();
        await RebuildAsync(repo);
        File.SetUnixFileMode(CachePath(repo), (UnixFileMode)0x1B6); // 0666

        var logger = new RecordingLogger<CatalogCacheTests>();
        var result = await RebuildAsync(repo, logger: logger);
        var next = await RebuildAsync(repo);

        Assert.Equal(3, result.PackagesRead);
        Assert.Contains(logger.Messages, m => m.Id == PkgEventIds.CatalogCacheIgnored && m.Text.Contains("writable by group or others", StringComparison.Ordinal));
        Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(CachePath(repo)) & (UnixFileMode)0x1FF); // rewritten 0600
        Assert.Equal(0, next.PackagesRead);
    }

    [Fact]
    public async Task RebuildAsync_CacheDirectoryWritableByOthers_IsNotUsedAndTheCatalogIsStillWritten()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 3);
        await SettleAsync();
        await RebuildAsync(repo);
        File.SetUnixFileMode(Path.GetDirectoryName(CachePath(repo))!, (UnixFileMode)0x1FF); // 0777

        var logger = new RecordingLogger<CatalogCacheTests>();
        var result = await RebuildAsync(repo, logger: logger);

        Assert.Equal(3, result.PackagesRead);
        Assert.True(result.CatalogWritten);
        Assert.Contains(logger.Messages, m => m.Id == PkgEventIds.CatalogCacheSaveFailed && m.Text.Contains("writable by group or others", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RebuildAsync_PackageDamagedAfterCaching_IsReportedAsWithoutTheCache()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 3);
        await SettleAsync();
        await RebuildAsync(repo);
        var path = Path.Combine(repo, "All", "p1-1.pkg");
        var length = new FileInfo(path).Length;
        File.WriteAllBytes(path, new byte[length]);
        await SettleAsync();

        var cached = await RebuildAsync(repo);
        var bytes = CatalogBytes(repo);
        var uncached = await RebuildAsync(repo, useCache: false);
        var next = await RebuildAsync(repo);

        var failure = Assert.Single(cached.Failures);
        Assert.Equal("All/p1-1.pkg", failure.Key);
        Assert.Equal(uncached.Failures, cached.Failures);
        Assert.Equal(["p0", "p2"], cached.Entries.Select(e => e.Manifest.Name));
        AssertSameCatalog(bytes, CatalogBytes(repo));
        Assert.Equal(uncached.Failures, next.Failures); // a failed file is not cached: reported every time
        Assert.Equal(0, next.PackagesRead);
    }

    [Fact]
    public async Task RebuildAsync_FrameSizeZero_OneZstdFrameWithTheSameBytesForAnyNumberOfWorkers()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 40);
        var outputs = new List<byte[]>();
        foreach (var threads in new[] { 1, 2, 4 })
        {
            await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 19, CompressionThreads = threads, CompressionFrameSize = 0, UseCache = false }, Ct);
            outputs.Add(File.ReadAllBytes(Path.Combine(repo, "data.pkg")));
        }

        Assert.All(outputs, o => Assert.Equal(outputs[0], o));
        var listing = Run("zstd", "-lv", Path.Combine(repo, "data.pkg"));
        Assert.Matches(@"# Zstandard Frames: 1\b", listing);
        var members = Run("tar", "--zstd", "-tf", Path.Combine(repo, "packagesite.pkg"));
        Assert.Equal("packagesite.yaml", members.Trim());
        Assert.Equal(40, (await RepositoryCatalog.ReadAsync(repo, cancellationToken: Ct)).Entries.Count);
    }

    /// <summary>A package named <paramref name="name"/> of exactly <paramref name="length"/> bytes with another comment.</summary>
    private static (byte[] Bytes, string Comment) SameSizeVariant(TempDirectory dir, long length, string name)
    {
        var path = dir.Combine(name + "-variant.pkg");
        var random = new Random(1);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var comment = new string(Enumerable.Range(0, 7).Select(_ => (char)('A' + random.Next(26))).ToArray());
            Package(dir.Path, path, name, "1", comment);
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length == length && comment != "QWERTYU")
            {
                return (bytes, comment);
            }
        }

        throw new InvalidOperationException("no variant of the same size was found");
    }

    private static string NewRepo(TempDirectory dir, int count)
    {
        var repo = Directory.CreateDirectory(dir.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repo, "All"));
        for (var i = 0; i < count; i++)
        {
            Package(repo, $"p{i}", "1", "comment");
        }

        return repo;
    }

    private static void Package(string repo, string name, string version, string comment) =>
        Package(repo, Path.Combine(repo, "All", $"{name}-{version}.pkg"), name, version, comment);

    private static void Package(string repo, string path, string name, string version, string comment)
    {
        _ = repo;
        WritePackage(path, $"{{\"name\":\"{name}\",\"origin\":\"misc/{name}\",\"version\":\"{version}\",\"comment\":\"{comment}\",\"maintainer\":\"m@example.org\",\"www\":\"https://example.org\",\"abi\":\"FreeBSD:14:amd64\",\"prefix\":\"/usr/local\",\"flatsize\":1,\"desc\":\"d\"}}");
    }

    [Fact]
    public async Task RebuildAsync_ManifestLimitLowered_CachedLinesAreNotReused()
    {
        RequireLinux();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 3);
        await SettleAsync();
        Assert.Equal(3, (await RebuildAsync(repo)).PackagesRead);

        // Under a limit no manifest fits, a full rebuild leaves every package out; the cache must not keep them in.
        var lowered = new RepositoryOptions { CompressionLevel = 3, Limits = new CatalogReadOptions { MaxEntryBytes = 64 } };
        var incremental = await RepositoryBuilder.RebuildAsync(repo, lowered, Ct);
        var full = await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 3, UseCache = false, Limits = lowered.Limits }, Ct);

        Assert.Equal(3, full.Failures.Count);
        Assert.Equal(full.Failures.Select(f => f.Key).Order(StringComparer.Ordinal), incremental.Failures.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Empty(incremental.Entries);
    }

    private static Task<RepositoryRebuildResult> RebuildAsync(string repo, bool useCache = true, RecordingLogger<CatalogCacheTests>? logger = null) =>
        RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 3, UseCache = useCache, Logger = logger }, Ct);

    private static string CachePath(string repo) => GoSynth.Pkg.Repositories.Internal.CatalogCache.PathFor(Path.Combine(repo, ".gosynth"), repo);

    private static void RequireLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the catalog cache reads stat data with Linux statx; elsewhere every file is read");
        }
    }

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error}");
        return output;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Repositories.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Benchmarks.Packages;

/// <summary>
/// <c>catalog-frames [level] [sizes…]</c>: what the frame size of the catalog archives costs and buys, on two catalogs
/// of 5,000 entries: the generated one of <see cref="CatalogBenchmarks"/> (its lines as the rebuild writes them) and
/// one made of real catalog lines (the sample repository's 54 published lines and the lines of the 3 real packages,
/// repeated with each entry's name, path and sum made unique, as a real catalog's are). For each frame size (0 = one
/// frame per archive, compressed whole with zstd's workers) it prints the two archives' compressed size, the size
/// against one frame, the full compression time, and for 50 entries changed at random (new sums) and for one entry
/// inserted: the frames compressed again and the time that takes with the frames of the previous catalog cached.
/// </summary>
internal static class CatalogFramesReport
{
    private const int Entries = 5000;
    private const int Changed = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "alloc")
        {
            return await AllocationsAsync();
        }

        if (args.Length > 0 && args[0] == "incremental")
        {
            return await IncrementalAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) * 1024 : RepositoryOptions.DefaultCompressionFrameSize);
        }

        var level = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 19;
        var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture) * 1024).ToArray() : [0, 16384, 32768, 65536, 131072, 262144];
        Console.WriteLine($"level {level}; compressor {CatalogCompressor.Identity}; {System.Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var (name, lines) in new[] { ("generated", await GeneratedLinesAsync()), ("real lines", RealLines()), ("real lines, each once", RealTemplates()) })
        {
            var (site, _) = RepositoryBuilder.SiteMember(lines);
            Console.WriteLine();
            Console.WriteLine($"## {name}: {lines.Count} entries, packagesite.yaml {site.Length:N0} bytes");
            Console.WriteLine("| frame size | frames | compressed (both) | vs one frame | full compression: wall / CPU | 50 changed: frames / MB recompressed | 50 changed: wall / CPU | 1 inserted: frames |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            long single = 0;
            foreach (var size in sizes)
            {
                var row = Measure(lines, level, size);
                single = size == 0 ? row.Bytes : single;
                var ratio = single > 0 ? $"{(double)row.Bytes / single - 1:+0.0%;-0.0%}" : "—";
                Console.WriteLine($"| {(size == 0 ? "0 (one)" : $"{size / 1024} KiB")} | {row.Frames} | {row.Bytes:N0} | {ratio} | {row.FullMs:N0} / {row.FullCpuMs:N0} ms | {row.ChangedFrames} / {row.ChangedMb:F2} | {row.ChangedMs:N0} / {row.ChangedCpuMs:N0} ms | {row.InsertedFrames} |");
            }

            Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
        }

        return 0;
    }

    /// <summary><c>catalog-frames alloc</c>: bytes allocated by a full rebuild (no cache) and an incremental one of the
    /// generated repository, at level 1 (compression allocates little managed memory at any level).</summary>
    private static async Task<int> AllocationsAsync()
    {
        var repo = Path.Combine(Path.GetTempPath(), "gosynth-bench-catalog");
        await GeneratedLinesAsync();
        foreach (var (what, options) in new[]
        {
            ("full, no cache", new RepositoryOptions { CompressionLevel = 1, UseCache = false }),
            ("full, no cache", new RepositoryOptions { CompressionLevel = 1, UseCache = false }),
            ("incremental, nothing changed", new RepositoryOptions { CompressionLevel = 1 }),
        })
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            await RepositoryBuilder.RebuildAsync(repo, options);
            Console.WriteLine($"{what}: {(GC.GetTotalAllocatedBytes(precise: true) - before) / 1e6:F1} MB allocated, {clock.ElapsedMilliseconds} ms");
        }

        return 0;
    }

    /// <summary><c>catalog-frames incremental [KiB]</c>: the whole incremental rebuild of the generated repository at level
    /// 19 after 50 packages picked at random were replaced, 6 rounds (the first a warm-up): wall and CPU time (user +
    /// system of the process: what the rebuild would take on idle cores is about CPU ÷ cores when the work spreads).</summary>
    private static async Task<int> IncrementalAsync(int frameSize)
    {
        var repo = Path.Combine(Path.GetTempPath(), "gosynth-bench-catalog");
        await GeneratedLinesAsync();
        var files = Directory.GetFiles(Path.Combine(repo, "All"), "*.pkg").Length;
        var options = new RepositoryOptions { CompressionLevel = 19, CompressionFrameSize = frameSize };
        await RepositoryBuilder.RebuildAsync(repo, options);
        for (var round = 0; round < 6; round++)
        {
            var random = new Random(1000 + round);
            foreach (var index in Enumerable.Range(0, files).OrderBy(_ => random.Next()).Take(Changed))
            {
                await BenchmarkPackages.RewriteAsync(Path.Combine(repo, "All"), index, 1000 + round);
            }

            await Task.Delay(20);
            var cpu = Cpu();
            var clock = Stopwatch.StartNew();
            var result = await RepositoryBuilder.RebuildAsync(repo, options);
            Console.WriteLine($"round {round}: frame size {frameSize / 1024} KiB: {clock.ElapsedMilliseconds} ms wall, {(Cpu() - cpu).TotalMilliseconds:F0} ms CPU; "
                + $"{result.PackagesRead} read, {result.FramesCompressed} frames compressed, {result.FramesReused} reused; load {File.ReadAllText("/proc/loadavg").Trim()}");
        }

        return 0;
    }

    private static Row Measure(List<byte[]> lines, int level, int size)
    {
        var stamp = DateTimeOffset.FromUnixTimeSeconds(1700000000);
        if (size == 0)
        {
            var tars = new[] { Tar(RepositoryBuilder.SiteMember(lines).Content), Tar(RepositoryBuilder.DataMember(lines).Content) };
            var cpu = Cpu();
            var clock = Stopwatch.StartNew();
            long bytes = 0;
            Parallel.ForEach(tars, tar => Interlocked.Add(ref bytes, CatalogCompressor.Compress(tar, level, System.Environment.ProcessorCount).Length));
            var ms = clock.ElapsedMilliseconds;
            var cpuMs = (long)(Cpu() - cpu).TotalMilliseconds;
            return new Row(2, bytes, ms, cpuMs, 2, tars.Sum(t => t.Length) / 1e6, ms, cpuMs, 2);
        }

        var cacheDir = Directory.CreateTempSubdirectory("gosynth-frames-").FullName;
        try
        {
            var first = Plan(lines, stamp, size);
            var fullCpu = Cpu();
            var full = Stopwatch.StartNew();
            var fullFill = CatalogFrames.Fill(first, level, System.Environment.ProcessorCount, null, default);
            full.Stop();
            var fullCpuMs = (long)(Cpu() - fullCpu).TotalMilliseconds;
            CatalogFrameCache.Save(cacheDir, cacheDir, fullFill.Entries);

            var random = new Random(size);
            var changed = lines.ToList();
            foreach (var index in Enumerable.Range(0, lines.Count).OrderBy(_ => random.Next()).Take(Changed))
            {
                changed[index] = NewSum(changed[index], random);
            }

            var second = Plan(changed, stamp, size);
            var cache = CatalogFrameCache.Load(cacheDir, cacheDir, NullLogger.Instance);
            var incrementalCpu = Cpu();
            var incremental = Stopwatch.StartNew();
            var compressed = CatalogFrames.Fill(second, level, System.Environment.ProcessorCount, cache, default).Compressed;
            incremental.Stop();
            var incrementalCpuMs = (long)(Cpu() - incrementalCpu).TotalMilliseconds;
            var recompressedBytes = RecompressedBytes(first, second);

            var inserted = lines.ToList();
            inserted.Insert(lines.Count / 2, NewSum(lines[lines.Count / 3], random));
            var third = Plan(inserted, stamp, size);
            var insertedFrames = CatalogFrames.Fill(third, level, System.Environment.ProcessorCount, cache, default).Compressed;
            return new Row(first.Sum(a => a.Pieces.Count), first.Sum(a => a.Frames.Sum(f => (long)f!.Length)), full.ElapsedMilliseconds, fullCpuMs,
                compressed, recompressedBytes / 1e6, incremental.ElapsedMilliseconds, incrementalCpuMs, insertedFrames);
        }
        finally
        {
            Directory.Delete(cacheDir, recursive: true);
        }
    }

    private static long RecompressedBytes(FramedArchive[] before, FramedArchive[] after)
    {
        var known = before.SelectMany(a => Enumerable.Range(0, a.Pieces.Count).Select(i => CatalogFrameCache.Hash(a.Piece(i)))).ToHashSet();
        return after.Sum(a => Enumerable.Range(0, a.Pieces.Count).Where(i => !known.Contains(CatalogFrameCache.Hash(a.Piece(i)))).Sum(i => (long)a.Pieces[i].Length));
    }

    private static FramedArchive[] Plan(List<byte[]> lines, DateTimeOffset stamp, int size)
    {
        var (site, siteEnds) = RepositoryBuilder.SiteMember(lines);
        var (data, dataEnds) = RepositoryBuilder.DataMember(lines);
        return
        [
            CatalogArchive.Plan("packagesite.pkg", "packagesite.yaml", site, siteEnds, [], stamp, size),
            CatalogArchive.Plan("data.pkg", "data", data, dataEnds, [], stamp, size),
        ];
    }

    private static byte[] Tar(byte[] content)
    {
        var archive = CatalogArchive.Plan("x", "packagesite.yaml", content, [content.Length], [], DateTimeOffset.UnixEpoch, int.MaxValue / 4);
        return [.. Enumerable.Range(0, archive.Pieces.Count).SelectMany(i => archive.Piece(i).ToArray())];
    }

    private static byte[] NewSum(byte[] line, Random random)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        var sum = new byte[32];
        random.NextBytes(sum);
        node["sum"] = Convert.ToHexStringLower(sum);
        return Encoding.UTF8.GetBytes(node.ToJsonString(s_json));
    }

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<List<byte[]>> GeneratedLinesAsync()
    {
        var repo = Path.Combine(Path.GetTempPath(), "gosynth-bench-catalog");
        var all = Path.Combine(repo, "All");
        if (!Directory.Exists(all) || Directory.GetFiles(all, "*.pkg").Length != Entries)
        {
            if (Directory.Exists(repo))
            {
                Directory.Delete(repo, recursive: true);
            }

            await BenchmarkPackages.GenerateManyAsync(all, Entries);
        }

        await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 1 });
        var yaml = await CatalogArchive.ReadMemberAsync(Path.Combine(repo, "packagesite.pkg"), "packagesite.yaml", default);
        return Split(yaml);
    }

    /// <summary>The sample repository's published lines and the real packages' lines, repeated to 5,000 entries with
    /// unique names, paths and sums (derived from the index, so the same every run).</summary>
    private static List<byte[]> RealLines()
    {
        return Repeat(RealTemplates());
    }

    /// <summary>The 54 lines of the published sample catalog and the lines of the 3 real packages, each once.</summary>
    private static List<byte[]> RealTemplates()
    {
        var shared = GoSynth.Testing.RepositoryPaths.TestData;
        var yaml = CatalogArchive.ReadMemberAsync(Path.Combine(shared, "pkg-repo-sample", "packagesite.pkg"), "packagesite.yaml", default).GetAwaiter().GetResult();
        var templates = Split(yaml);
        foreach (var file in Directory.GetFiles(Path.Combine(shared, "pkg-files"), "*.pkg").Order(StringComparer.Ordinal))
        {
            var entry = RepositoryBuilder.ReadEntryAsync(Path.GetDirectoryName(file)!, Path.GetFileName(file)).GetAwaiter().GetResult();
            templates.Add(RepositoryBuilder.ToCatalogJson(entry));
        }

        return templates;
    }

    /// <summary><paramref name="templates"/> repeated to 5,000 entries with unique names, paths and sums.</summary>
    private static List<byte[]> Repeat(List<byte[]> templates)
    {
        var lines = new List<byte[]>(Entries);
        for (var i = 0; i < Entries; i++)
        {
            var node = JsonNode.Parse(templates[i % templates.Count])!.AsObject();
            var name = $"{node["name"]!.GetValue<string>()}{i / templates.Count}";
            var path = $"All/{name}-{node["version"]!.GetValue<string>()}.pkg";
            node["name"] = name;
            node["sum"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)));
            node["path"] = path;
            node["repopath"] = path;
            lines.Add(Encoding.UTF8.GetBytes(node.ToJsonString(s_json)));
        }

        // A catalog is ordered by path.
        return [.. lines.OrderBy(l => JsonNode.Parse(l)!["path"]!.GetValue<string>(), StringComparer.Ordinal)];
    }

    private static List<byte[]> Split(byte[] yaml) =>
        [.. Encoding.UTF8.GetString(yaml).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Encoding.UTF8.GetBytes)];

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private sealed record Row(int Frames, long Bytes, long FullMs, long FullCpuMs, int ChangedFrames, double ChangedMb, long ChangedMs, long ChangedCpuMs, int InsertedFrames);
}

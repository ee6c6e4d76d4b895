using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GoSynth.Pkg.Repositories;
using GoSynth.Pkg.Repositories.Internal;
using GoSynth.Testing;
using ZstdSharp;
using static GoSynth.Pkg.Tests.Repositories.CatalogTestData;

namespace GoSynth.Pkg.Tests.Repositories;

/// <summary>Catalog archives written as a sequence of zstd frames: read back by libarchive (bsdtar, what pkg reads
/// catalogs with), the zstd tool, ZstdSharp and GoSynth's own reader; an incremental rebuild compresses only changed
/// pieces and writes exactly what a full one writes; the frame cache is never trusted blindly.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class CatalogFrameTests
{
    private const int Small = RepositoryOptions.MinCompressionFrameSize;

    [Fact]
    public async Task Rebuild_ManyFrames_ReadByBsdtarZstdZstdSharpAndTheCatalogReader()
    {
        RequireLinuxWith("bsdtar", "zstd", "tar");
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 120);
        var result = await RebuildAsync(repo);

        var lines = result.Entries.Select(RepositoryBuilder.ToCatalogJson).ToList();
        var yaml = lines.SelectMany(l => l.Append((byte)'\n')).ToArray();
        var data = "{\"groups\":[],\"expired_packages\":[],\"packages\":["u8.ToArray()
            .Concat(lines.SelectMany((l, i) => i == 0 ? l : [(byte)',', .. l])).Concat("]}"u8.ToArray()).ToArray();
        var site = Path.Combine(repo, "packagesite.pkg");
        var dataPkg = Path.Combine(repo, "data.pkg");

        Assert.True(Frames(site) > 10, $"packagesite.pkg has {Frames(site)} frames");
        Assert.True(Frames(dataPkg) > 10, $"data.pkg has {Frames(dataPkg)} frames");
        Assert.Equal(yaml, RunBytes("bsdtar", "-xOf", site, "packagesite.yaml"));
        Assert.Equal(data, RunBytes("bsdtar", "-xOf", dataPkg, "data"));
        Assert.Equal(yaml, RunBytes("sh", "-c", $"zstd -dc '{site}' | tar -xOf - packagesite.yaml"));
        Assert.Equal(data, RunBytes("sh", "-c", $"zstd -dc '{dataPkg}' | tar -xOf - data"));
        Assert.Equal(RunBytes("zstd", "-dc", dataPkg), ZstdSharpDecode(dataPkg));
        Assert.Equal(yaml, await CatalogArchive.ReadMemberAsync(site, "packagesite.yaml", Ct));

        var catalog = await RepositoryCatalog.ReadAsync(repo, cancellationToken: Ct);
        Assert.Equal(result.Entries.Select(Describe), catalog.Entries.Select(Describe));
        var fromSite = await CatalogStreamReader.ReadAsync(site, "packagesite.yaml", dataForm: false, new CatalogReadOptions(), Ct);
        Assert.Equal(result.Entries.Select(Describe), fromSite.Entries.Select(Describe));
        Assert.True((await RepositoryVerifier.VerifyAsync(repo, cancellationToken: Ct)).IsValid);
    }

    [Fact]
    public async Task Rebuild_AfterAddRemoveAndReplace_IncrementalIsByteIdenticalToFullAndCompressesOnlyChangedPieces()
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 150);
        await SettleAsync();
        var first = await RebuildAsync(repo, level: 19);
        Assert.Equal(first.FramesCompressed, Frames(Path.Combine(repo, "packagesite.pkg")) + Frames(Path.Combine(repo, "data.pkg")));
        Assert.Equal(0, first.FramesReused);

        var unchanged = await RebuildAsync(repo, level: 19);
        Assert.Equal(0, unchanged.FramesCompressed);
        Assert.Equal(first.FramesCompressed, unchanged.FramesReused);

        File.Delete(Path.Combine(repo, "All", "p020-1.pkg"));
        Package(repo, "p100x", "1", "added between p100 and p101");
        Package(repo, "p140", "1", "replaced with another comment");
        await SettleAsync();
        var incremental = await RebuildAsync(repo, level: 19);
        var incrementalBytes = CatalogBytes(repo);
        var full = await RebuildAsync(repo, level: 19, useCache: false);

        AssertSameCatalog(incrementalBytes, CatalogBytes(repo));
        Assert.Equal(2, incremental.PackagesRead);
        Assert.Equal(full.FramesCompressed, incremental.FramesCompressed + incremental.FramesReused);
        // Per archive: the header piece, the end piece and at most two pieces around each of the 3 changes.
        Assert.InRange(incremental.FramesCompressed, 3, 2 * (2 + (3 * 2)));
        Assert.True(incremental.FramesReused >= full.FramesCompressed - incremental.FramesCompressed);
    }

    [Fact]
    public async Task Rebuild_OnePackageInserted_RecompressesAtMostTwoPiecesPerArchiveBesidesHeaderAndEnd()
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 200);
        await SettleAsync();
        var first = await RebuildAsync(repo);

        Package(repo, "p077a", "1", "inserted");
        await SettleAsync();
        var second = await RebuildAsync(repo);

        Assert.True(first.FramesCompressed > 20, $"{first.FramesCompressed} frames");
        Assert.InRange(second.FramesCompressed, 4, 2 * (2 + 2));
        Assert.Equal(201, second.Entries.Count);
    }

    [Fact]
    public async Task Rebuild_FramesAreTheSameForAnyNumberOfThreads()
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 60);
        var outputs = new List<byte[]>();
        foreach (var threads in new[] { 0, 1, 2, 4 })
        {
            await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 19, CompressionThreads = threads, CompressionFrameSize = Small, UseCache = false }, Ct);
            outputs.Add(File.ReadAllBytes(Path.Combine(repo, "data.pkg")));
        }

        Assert.All(outputs, o => Assert.Equal(outputs[0], o));
    }

    [Fact]
    public async Task Rebuild_FrameSizeZero_WritesOneFramePerArchive()
    {
        RequireLinuxWith("zstd");
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 120);
        var result = await RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = 3, CompressionFrameSize = 0 }, Ct);

        Assert.Equal(1, Frames(Path.Combine(repo, "data.pkg")));
        Assert.Equal(1, Frames(Path.Combine(repo, "packagesite.pkg")));
        Assert.Equal(2, result.FramesCompressed);
        Assert.Equal(0, result.FramesReused);
        Assert.Equal(120, (await RepositoryCatalog.ReadAsync(repo, cancellationToken: Ct)).Entries.Count);
    }

    [Fact]
    public async Task Rebuild_ForeignFrameCacheEntries_AreNotTrustedAndCompressedAgain()
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 80);
        await SettleAsync();
        var first = await RebuildAsync(repo);
        var before = CatalogBytes(repo);

        // Every key keeps a well-formed frame, but another piece's: the file's own checksum is right.
        var entries = ReadFrameCache(FrameCachePath(repo));
        var rotated = entries.Select((e, i) => KeyValuePair.Create(e.Key, entries[(i + 1) % entries.Count].Value)).ToList();
        CatalogFrameCache.Save(Path.GetDirectoryName(FrameCachePath(repo))!, repo, rotated);

        var logger = new RecordingLogger<CatalogFrameTests>();
        var result = await RebuildAsync(repo, logger: logger);

        Assert.Equal(0, result.PackagesRead);
        Assert.Equal(0, result.FramesReused);
        Assert.Equal(first.FramesCompressed, result.FramesCompressed);
        // One line for all of them, with the count: a stale cache must not flood the log.
        var ignored = Assert.Single(logger.Messages, m => m.Id == PkgEventIds.CatalogFramesIgnored);
        Assert.Contains($"Not reusing {entries.Count} frame(s)", ignored.Text, StringComparison.Ordinal);
        AssertSameCatalog(before, CatalogBytes(repo));
        Assert.Equal(first.FramesCompressed, (await RebuildAsync(repo)).FramesReused); // rewritten with the right frames
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("two frames for one")]
    public async Task Rebuild_DamagedFrameCache_IsIgnoredWithALogLineAndTheSameBytesAreWritten(string damage)
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 80);
        await SettleAsync();
        var first = await RebuildAsync(repo);
        var before = CatalogBytes(repo);
        var path = FrameCachePath(repo);
        var content = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip":
                content[content.Length / 2] ^= 0x01;
                File.WriteAllBytes(path, content);
                break;
            case "truncate":
                File.WriteAllBytes(path, content[..^100]);
                break;
            default:
                // The right content, but as two frames where the writer makes one: decodable, yet not what a full
                // rebuild writes, so not reused.
                var entries = ReadFrameCache(path);
                var largest = entries.MaxBy(e => e.Value.Length);
                var piece = Decode(largest.Value);
                var split = (byte[])[.. Compressor(piece[..(piece.Length / 2)]), .. Compressor(piece[(piece.Length / 2)..])];
                CatalogFrameCache.Save(Path.GetDirectoryName(path)!, repo, entries.Select(e => e.Key == largest.Key ? KeyValuePair.Create(e.Key, split) : e));
                break;
        }

        var logger = new RecordingLogger<CatalogFrameTests>();
        var result = await RebuildAsync(repo, logger: logger);

        Assert.Contains(logger.Messages, m => m.Id == PkgEventIds.CatalogFramesIgnored && m.Text.Contains(path, StringComparison.Ordinal));
        Assert.Equal(damage == "two frames for one" ? 1 : first.FramesCompressed, result.FramesCompressed);
        AssertSameCatalog(before, CatalogBytes(repo));
    }

    [Fact]
    public async Task Rebuild_AnotherLevel_ReusesNoFrame()
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 60);
        await SettleAsync();
        await RebuildAsync(repo, level: 3);
        var other = await RebuildAsync(repo, level: 19);
        var bytes = CatalogBytes(repo);
        await RebuildAsync(repo, level: 19, useCache: false);

        Assert.Equal(0, other.FramesReused);
        AssertSameCatalog(bytes, CatalogBytes(repo));
    }

    [Theory]
    [InlineData("compressor only")]
    [InlineData("another GoSynth.Pkg")]
    public async Task Rebuild_FrameCacheOfAnotherWriter_IsNotReusedAndTheBytesAreAFullRebuilds(string writer)
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 60);
        await SettleAsync();
        await RebuildAsync(repo, level: 3);

        // Level-3 frames filed under level 19: they decode to the right pieces, as frames of a GoSynth that set zstd up
        // otherwise would, but they are not the frames this one writes at 19.
        var path = FrameCachePath(repo);
        var forged = ReadFrameCache(path).Select(e => KeyValuePair.Create((19, e.Key.Hash), e.Value)).ToList();
        var key = writer == "compressor only" ? CatalogCompressor.Identity : "GoSynth.Pkg 0.0.0.1, " + CatalogCompressor.Identity;
        CatalogFrameCache.Save(Path.GetDirectoryName(path)!, repo, forged, key);
        var logger = new RecordingLogger<CatalogFrameTests>();
        var incremental = await RebuildAsync(repo, level: 19, logger: logger);
        var bytes = CatalogBytes(repo);
        await RebuildAsync(repo, level: 19, useCache: false);

        Assert.Equal(0, incremental.FramesReused);
        Assert.Contains(logger.Messages, m => m.Id == PkgEventIds.CatalogFramesIgnored && m.Text.Contains(key, StringComparison.Ordinal));
        AssertSameCatalog(CatalogBytes(repo), bytes);
    }

    [Fact]
    public async Task Rebuild_CacheDirectory_KeepsBothCachesThereAndNothingInThePackagesDirectory()
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 40);
        var caches = dir.Combine("caches", "repo");
        await SettleAsync();
        var options = new RepositoryOptions { CompressionLevel = 3, CompressionFrameSize = Small, CacheDirectory = caches };
        await RepositoryBuilder.RebuildAsync(repo, options, Ct);
        var second = await RepositoryBuilder.RebuildAsync(repo, options, Ct);

        Assert.False(Directory.Exists(Path.Combine(repo, ".gosynth")));
        Assert.True(File.Exists(CatalogCache.PathFor(caches, repo)));
        Assert.True(File.Exists(CatalogFrameCache.PathFor(caches, repo)));
        Assert.Equal(2, Directory.GetFiles(caches).Length);
        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(caches) & (UnixFileMode)0x1FF);
        Assert.Equal(0, second.PackagesRead);
        Assert.Equal(0, second.FramesCompressed);
    }

    [Fact]
    public async Task Rebuild_TwoRepositoriesSharingACacheDirectory_KeepTheirOwnCaches()
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var first = NewRepo(dir, 40);
        var second = Directory.CreateDirectory(dir.Combine("other")).FullName;
        Directory.CreateDirectory(Path.Combine(second, "All"));
        for (var i = 0; i < 30; i++)
        {
            Package(second, $"q{i:D3}", "1", $"another repository's package {i}");
        }

        var options = new RepositoryOptions { CompressionLevel = 3, CompressionFrameSize = Small, CacheDirectory = dir.Combine("shared") };
        await SettleAsync();
        await RepositoryBuilder.RebuildAsync(first, options, Ct);
        await RepositoryBuilder.RebuildAsync(second, options, Ct);
        var again = await RepositoryBuilder.RebuildAsync(first, options, Ct);
        var otherAgain = await RepositoryBuilder.RebuildAsync(second, options, Ct);

        Assert.Equal(0, again.PackagesRead);
        Assert.Equal(0, again.FramesCompressed);
        Assert.Equal(0, otherAgain.PackagesRead);
        Assert.Equal(0, otherAgain.FramesCompressed);
        Assert.Equal(4, Directory.GetFiles(dir.Combine("shared")).Length);
    }

    [Fact]
    public async Task Rebuild_SignedWithManyFrames_SignatureStillVerifies()
    {
        RequireLinuxWith("bsdtar");
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 120);
        using var rsa = RSA.Create(2048);
        var key = dir.WriteFile("repo.key", rsa.ExportRSAPrivateKeyPem());
        var pub = dir.WriteFile("repo.pub", rsa.ExportSubjectPublicKeyInfoPem());
        await SettleAsync();
        var options = new RepositoryOptions { CompressionLevel = 3, CompressionFrameSize = Small, SigningKeyPath = "rsa:" + key };
        await RepositoryBuilder.RebuildAsync(repo, options, Ct);
        Package(repo, "p050a", "1", "added");
        await SettleAsync();
        var incremental = await RepositoryBuilder.RebuildAsync(repo, options, Ct);

        var report = await RepositoryVerifier.VerifyAsync(repo, new RepositoryVerifierOptions { PublicKeyPath = pub }, Ct);
        Assert.Equal(CatalogSignatureState.Valid, report.Signature.State);
        Assert.True(report.IsValid);
        Assert.True(Frames(Path.Combine(repo, "data.pkg")) > 10);
        Assert.True(incremental.FramesReused > 10);
        Assert.Equal("signature\ndata\n", Encoding.ASCII.GetString(RunBytes("bsdtar", "-tf", Path.Combine(repo, "data.pkg"))));
    }

    [Fact]
    public async Task Rebuild_NothingChanged_LeavesTheFrameCacheFileAloneAndAChangeRewritesIt()
    {
        RequireLinuxWith();
        using var dir = new TempDirectory();
        var repo = NewRepo(dir, 60);
        await SettleAsync();
        await RebuildAsync(repo);
        var path = FrameCachePath(repo);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, old);

        var unchanged = await RebuildAsync(repo);
        Assert.Equal(0, unchanged.FramesCompressed);
        Assert.Equal(old, File.GetLastWriteTimeUtc(path));

        Package(repo, "p030a", "1", "added");
        await SettleAsync();
        var changed = await RebuildAsync(repo);
        Assert.True(changed.FramesCompressed > 0);
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(path));
        Assert.Equal(0, (await RebuildAsync(repo)).FramesCompressed);
    }

    [Fact]
    public void Fill_PiecesWithTheSameHashButOtherBytes_GetTheirOwnFrames()
    {
        // Every piece hashes alike, as if XxHash128 collided: only equal bytes may share a frame.
        byte[] tar = [.. "first piece|second one|first piece|third"u8];
        var archive = new FramedArchive("x", tar, [(0, 12), (12, 11), (23, 12), (35, 5)]);
        var fill = CatalogFrames.Fill([archive], 3, 2, null, Ct, _ => 42);

        Assert.Equal(4, fill.Compressed);
        for (var i = 0; i < archive.Pieces.Count; i++)
        {
            Assert.Equal(archive.Piece(i).ToArray(), Decode(archive.Frames[i]!));
        }

        Assert.Same(archive.Frames[0], archive.Frames[2]);
        Assert.Equal(3, archive.Frames.Distinct().Count());
        // The cache keeps one frame per key; a hash shared by other bytes is compressed again next time, never misused.
        Assert.Single(fill.Entries);
    }

    [Fact]
    public void Group_JoinsOnlyEqualBytes()
    {
        byte[] tar = [.. "aabbaacc"u8];
        var first = new FramedArchive("1", tar, [(0, 2), (2, 2), (4, 2)]);
        var second = new FramedArchive("2", tar, [(4, 2), (6, 2)]);
        var groups = CatalogFrames.Group([first, second], piece => (UInt128)piece.Length);

        Assert.Equal(["aa", "bb", "cc"], groups.Select(g => Encoding.ASCII.GetString(g.Piece)));
        Assert.Equal([(first, 0), (first, 2), (second, 0)], groups[0].Users);
        Assert.Equal([(first, 1)], groups[1].Users);
        Assert.Equal([(second, 1)], groups[2].Users);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(4095)]
    public void Validate_FrameSizeBetweenZeroAndTheMinimum_IsRefusedNamingTheOption(int size)
    {
        var error = Assert.Throws<ArgumentException>(() => new RepositoryOptions { CompressionFrameSize = size }.Validate());
        Assert.Equal(nameof(RepositoryOptions.CompressionFrameSize), error.ParamName);
        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FrameSizeZeroOrTheMinimum_IsAccepted()
    {
        new RepositoryOptions { CompressionFrameSize = 0 }.Validate();
        new RepositoryOptions { CompressionFrameSize = RepositoryOptions.MinCompressionFrameSize }.Validate();
        Assert.Throws<ArgumentException>(() => new RepositoryOptions { CacheDirectory = " " }.Validate());
    }

    [Fact]
    public void Cut_EntryInsertedOrRemoved_ChangesOnlyThePiecesAroundIt()
    {
        var random = new Random(5);
        var lines = Enumerable.Range(0, 5000).Select(i => Encoding.ASCII.GetBytes($"{{\"name\":\"p{i:D5}\",\"sum\":\"{random.Next():x8}{random.Next():x8}\",\"pad\":\"{new string('x', random.Next(300, 1500))}\"}}")).ToList();
        var before = Pieces(lines, 32 * 1024);
        var inserted = lines.ToList();
        inserted.Insert(2500, "{\"name\":\"p02499a\"}"u8.ToArray());
        var removed = lines.ToList();
        removed.RemoveAt(1234);

        foreach (var after in new[] { Pieces(inserted, 32 * 1024), Pieces(removed, 32 * 1024) })
        {
            var gone = before.Except(after).Count();
            var added = after.Except(before).Count();
            Assert.InRange(gone, 1, 3);
            Assert.InRange(added, 1, 3);
        }

        // Pieces average the target size and stay within three times it.
        var sizes = before.Select(p => p.Length).ToList();
        Assert.InRange(sizes.Average(), 24 * 1024, 40 * 1024);
        Assert.All(sizes.SkipLast(1), s => Assert.InRange(s, 16 * 1024, (3 * 32 * 1024) + 1600));
    }

    private static List<string> Pieces(List<byte[]> lines, int target)
    {
        var (content, ends) = RepositoryBuilder.SiteMember(lines);
        var start = 0;
        var pieces = new List<string>();
        foreach (var end in CatalogPieces.Cut(content, ends, target))
        {
            pieces.Add(Encoding.ASCII.GetString(content, start, end - start));
            start = end;
        }

        Assert.Equal(content.Length, start);
        return pieces;
    }

    private static List<KeyValuePair<(int Level, UInt128 Hash), byte[]>> ReadFrameCache(string path)
    {
        var bytes = File.ReadAllBytes(path);
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, bytes.Length - 8), Encoding.UTF8);
        reader.ReadBytes("GoSynth catalog frames\n".Length);
        reader.ReadInt32();
        reader.ReadString();
        var count = reader.ReadInt32();
        var entries = new List<KeyValuePair<(int, UInt128), byte[]>>();
        for (var i = 0; i < count; i++)
        {
            var level = reader.ReadInt32();
            var hash = BinaryPrimitives.ReadUInt128LittleEndian(reader.ReadBytes(16));
            entries.Add(KeyValuePair.Create((level, hash), reader.ReadBytes(reader.ReadInt32())));
        }

        Assert.True(entries.Count > 4);
        return entries;
    }

    private static byte[] Decode(byte[] frame)
    {
        using var decompressor = new Decompressor();
        return decompressor.Unwrap(frame).ToArray();
    }

    private static byte[] Compressor(byte[] piece)
    {
        using var compressor = new Compressor(3);
        return compressor.Wrap(piece).ToArray();
    }

    private static byte[] ZstdSharpDecode(string path)
    {
        using var file = File.OpenRead(path);
        using var zstd = new DecompressionStream(file);
        var output = new MemoryStream();
        zstd.CopyTo(output);
        return output.ToArray();
    }

    private static int Frames(string path)
    {
        var match = FramesLine().Match(Encoding.UTF8.GetString(RunBytes("zstd", "-lv", path)));
        Assert.True(match.Success, "zstd -lv printed no frame count");
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"# Zstandard Frames: (\d+)")]
    private static partial Regex FramesLine();

    private static string NewRepo(TempDirectory dir, int count)
    {
        var repo = Directory.CreateDirectory(dir.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repo, "All"));
        for (var i = 0; i < count; i++)
        {
            Package(repo, $"p{i:D3}", "1", $"comment of package {i} with words that repeat across the catalog");
        }

        return repo;
    }

    private static void Package(string repo, string name, string version, string comment) =>
        WritePackage(Path.Combine(repo, "All", $"{name}-{version}.pkg"),
            $"{{\"name\":\"{name}\",\"origin\":\"misc/{name}\",\"version\":\"{version}\",\"comment\":\"{comment}\",\"maintainer\":\"m@example.org\","
            + $"\"www\":\"https://example.org/{name}\",\"abi\":\"FreeBSD:14:amd64\",\"prefix\":\"/usr/local\",\"flatsize\":{name.Length * 1000},\"desc\":\"The {name} package.\"}}");

    private static Task<RepositoryRebuildResult> RebuildAsync(string repo, int level = 3, bool useCache = true, RecordingLogger<CatalogFrameTests>? logger = null) =>
        RepositoryBuilder.RebuildAsync(repo, new RepositoryOptions { CompressionLevel = level, CompressionFrameSize = Small, UseCache = useCache, Logger = logger }, Ct);

    private static string FrameCachePath(string repo) => CatalogFrameCache.PathFor(Path.Combine(repo, ".gosynth"), repo);

    private static void RequireLinuxWith(params string[] tools)
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("the catalog caches read stat data with Linux statx");
        }

        foreach (var tool in tools)
        {
            if (!System.Environment.GetEnvironmentVariable("PATH")!.Split(':').Any(d => File.Exists(Path.Combine(d, tool))))
            {
                Assert.Skip($"'{tool}' is not installed (eng/prereqs.sh installs it)");
            }
        }
    }

    private static byte[] RunBytes(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync(Ct);
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {error.Result}");
        return output.ToArray();
    }
}

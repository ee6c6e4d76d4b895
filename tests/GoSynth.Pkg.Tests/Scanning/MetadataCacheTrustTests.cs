using GoSynth.Environment.Processes;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// A metadata cache file that another user could have written, or that is damaged, is never trusted: it is refused
/// with a warning naming the reason, the scan asks make, and the file is replaced by one of this user's.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MetadataCacheTrustTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MiniPortsTree Tree()
    {
        var tree = new MiniPortsTree();
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        return tree;
    }

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner, RecordingLogger<PortScanner> Logger)> ScanAsync(MiniPortsTree tree)
    {
        var runner = new CountingProcessRunner(new ProcessRunner());
        var logger = new RecordingLogger<PortScanner>();
        var scanner = new PortScanner(tree.Options(cache: true), runner, logger);
        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/lib")), cancellationToken: Ct);
        return (scan, runner, logger);
    }

    private static async Task AssertRefusedAndRebuiltAsync(MiniPortsTree tree, string reason)
    {
        var (scan, runner, logger) = await ScanAsync(tree);
        var (_, thirdRunner, thirdLogger) = await ScanAsync(tree);

        Assert.Contains(logger.Messages, m => m.Id == PkgEventIds.MetadataCacheIgnored && m.Text.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(["devel/lib", "ports-mgmt/pkg"], runner.MetadataQueries);
        Assert.Equal("2.0", scan.Results.Single(r => r.Id.Origin == "devel/lib").Metadata!.Version);
        Assert.Equal(0, thirdRunner.Count);
        Assert.DoesNotContain(thirdLogger.Messages, m => m.Id == PkgEventIds.MetadataCacheIgnored);
    }

    [Fact]
    public async Task Rescan_CacheFileOwnedByAnotherUser_IsRefusedWithAWarningAndRebuilt()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        var file = Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));
        if (!GoSynth.Environment.Files.FileStatus.TryGet(file, followLinks: false, out var mine) || mine.UserId != 0)
        {
            Assert.Skip("giving the cache file to another user needs root (chown)");
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Chown(file, 12345);

        await AssertRefusedAndRebuiltAsync(tree, "owned by uid 12345");
        Assert.True(GoSynth.Environment.Files.FileStatus.TryGet(file, followLinks: false, out var status));
        Assert.Equal(0u, status.UserId);
    }

    [Theory]
    [InlineData("660", "writable by group or others")]
    [InlineData("602", "writable by group or others")]
    public async Task Rescan_CacheFileWritableByOthers_IsRefusedWithAWarningAndRebuilt(string mode, string reason)
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        var file = Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));
        File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32(mode, 8));

        await AssertRefusedAndRebuiltAsync(tree, reason);
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
    }

    [Fact]
    public async Task Rescan_CacheFileIsASymbolicLink_IsRefusedWithAWarningAndRebuilt()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        var file = Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));
        var elsewhere = Path.Combine(tree.Work, "planted.cache");
        File.Move(file, elsewhere);
        File.CreateSymbolicLink(file, elsewhere);

        await AssertRefusedAndRebuiltAsync(tree, "not a regular file");
        Assert.Null(new FileInfo(file).LinkTarget);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public async Task Rescan_CacheFileTruncated_IsRefusedWithAWarningAndRebuilt(double keep)
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        var file = Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(int)(bytes.Length * keep)]);

        await AssertRefusedAndRebuiltAsync(tree, "Ignoring the metadata cache");
    }

    [Theory]
    [InlineData(12)]
    [InlineData(-40)]
    [InlineData(-5)]
    public async Task Rescan_CacheFileWithOneBitFlipped_IsRefusedWithAWarningAndRebuilt(int offset)
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(tree);
        var file = Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));
        var bytes = File.ReadAllBytes(file);
        var at = offset >= 0 ? offset : bytes.Length + offset;
        bytes[at] ^= 0x04;
        File.WriteAllBytes(file, bytes);

        await AssertRefusedAndRebuiltAsync(tree, "Ignoring the metadata cache");
    }

    private static void Chown(string path, int uid)
    {
        using var process = System.Diagnostics.Process.Start("chown", [uid.ToString(System.Globalization.CultureInfo.InvariantCulture), path]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}

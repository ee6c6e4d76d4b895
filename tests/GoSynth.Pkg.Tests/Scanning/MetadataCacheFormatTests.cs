using System.IO.Hashing;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>A cache file of the previous format (without makefile dependencies) is ignored with a warning.</summary>
public sealed class MetadataCacheFormatTests
{
    [Fact]
    public async Task Rescan_CacheFileOfFormatVersion1_IsIgnoredWithAWarningAndRebuilt()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        await ScanAsync(tree, new RecordingLogger<PortScanner>());
        var file = Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));
        var bytes = File.ReadAllBytes(file);
        Assert.Equal(GoSynth.Pkg.Scanning.Internal.MetadataCacheFile.FormatVersion, BitConverter.ToInt32(bytes, 8));
        BitConverter.GetBytes(1).CopyTo(bytes, 8);
        BitConverter.GetBytes(Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4))).CopyTo(bytes, bytes.Length - 4);
        File.WriteAllBytes(file, bytes);
        var logger = new RecordingLogger<PortScanner>();

        var (scan, runner) = await ScanAsync(tree, logger);
        var (_, thirdRunner) = await ScanAsync(tree, new RecordingLogger<PortScanner>());

        Assert.Contains(logger.Messages, m => m.Id == PkgEventIds.MetadataCacheIgnored && m.Text.Contains("format version 1", StringComparison.Ordinal));
        Assert.Equal(["devel/lib", "ports-mgmt/pkg"], runner.MetadataQueries);
        Assert.Equal("2.0", scan.Results.Single(r => r.Id.Origin == "devel/lib").Metadata!.Version);
        Assert.Equal(0, thirdRunner.Count);
    }

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(MiniPortsTree tree, RecordingLogger<PortScanner> logger)
    {
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        var scanner = new PortScanner(tree.Options(cache: true), runner, logger);
        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/lib")), cancellationToken: TestContext.Current.CancellationToken);
        return (scan, runner);
    }

}

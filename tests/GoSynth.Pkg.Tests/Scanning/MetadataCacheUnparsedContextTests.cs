using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Pkg.Scanning.Internal;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// A metadata cache holding several contexts parses only the context a scan uses: the others stay bytes, are written
/// back unchanged, and stay warm for a later scan with their options (real bmake scans).
/// </summary>
public sealed class MetadataCacheUnparsedContextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MiniPortsTree Tree()
    {
        var tree = new MiniPortsTree();
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nRUN_DEPENDS=lib.so:devel/lib\n");
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        tree.AddPort("devel/other", "PORTNAME=other\nPORTVERSION=3.0\n");
        tree.WriteFile("make.conf", "WITH_DEBUG=yes\n");
        return tree;
    }

    /// <summary>The tree's options: A (no make.conf) or B (the tree's make.conf, another release).</summary>
    private static PkgOptions Options(MiniPortsTree tree, bool b)
    {
        var options = tree.Options(cache: true);
        if (b)
        {
            options.MakeConfFile = Path.Combine(tree.Root, "make.conf");
            options.Profile = TargetProfile.FreeBsd("13.4", "amd64", smpCpus: 4);
        }

        return options;
    }

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(PkgOptions options, string port)
    {
        var runner = new CountingProcessRunner(new ProcessRunner());
        var scanner = new PortScanner(options, runner);
        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec(port)), cancellationToken: Ct);
        return (scan, runner);
    }

    private static string CacheFile(MiniPortsTree tree) => Assert.Single(Directory.GetFiles(tree.Cache, "*.cache"));

    private static MetadataCacheBlocks Blocks(MiniPortsTree tree) => MetadataCacheFile.ReadBlocks(CacheFile(tree), tree.Root);

    [Fact]
    public async Task Rescan_TwoContextsThenTheFirstAgain_NoMakeQueryAndEqualResults()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        var (first, cold) = await ScanAsync(Options(tree, b: false), "devel/app");
        var (other, coldB) = await ScanAsync(Options(tree, b: true), "devel/app");

        var (again, warm) = await ScanAsync(Options(tree, b: false), "devel/app");
        var (otherAgain, warmB) = await ScanAsync(Options(tree, b: true), "devel/app");

        Assert.Equal(["devel/app", "devel/lib", "ports-mgmt/pkg"], cold.MetadataQueries);
        Assert.Equal(cold.MetadataQueries, coldB.MetadataQueries);
        Assert.Equal(0, warm.Count);
        Assert.Equal(0, warmB.Count);
        Assert.Equal(ResultText.Of(first.Results), ResultText.Of(again.Results));
        Assert.Equal(ResultText.Of(other.Results), ResultText.Of(otherAgain.Results));
        Assert.Equal(2, Blocks(tree).Contexts.Count);
    }

    [Fact]
    public async Task Scan_OfContextA_WritesContextBsEntriesBackByteIdentical()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(Options(tree, b: false), "devel/app");
        var a = Assert.Single(Blocks(tree).Contexts).Context;
        await ScanAsync(Options(tree, b: true), "devel/other");
        var before = Blocks(tree);
        Assert.Equal(a, before.Contexts[1].Context);
        var b = before.Contexts[0];

        var (_, runner) = await ScanAsync(Options(tree, b: false), "devel/app");

        var after = Blocks(tree);
        Assert.Equal(0, runner.Count);
        Assert.Equal([a, b.Context], after.Contexts.Select(c => c.Context));
        Assert.Equal(b.Count, after.Contexts[1].Count);
        Assert.Equal(b.Bytes, after.Contexts[1].Bytes);
        Assert.Contains(MetadataCacheFile.ParseBlock(after.Contexts[1]), e => e.Key.Origin == "devel/other");

        // devel/other's stamp is named only by context B's entries, which this scan never parsed: it is kept.
        Assert.Contains(after.Stamps, s => s.Key == tree.Root + "/devel/other");
    }

    [Fact]
    public async Task Open_ThenTheScansCalls_ParseOnlyTheContextSet()
    {
        MiniPortsTree.RequireBmake();
        using var tree = Tree();
        await ScanAsync(Options(tree, b: false), "devel/app");
        await ScanAsync(Options(tree, b: true), "devel/app");
        var before = Blocks(tree);
        var a = before.Contexts[1];
        var appEntry = MetadataCacheFile.ParseBlock(a).Single(e => e.Key.Origin == "devel/app");

        // What a scan of context A does with its cache: open, begin, set the context, look up, save.
        var cache = MetadataCache.Open(tree.Cache, tree.Root, NullLogger.Instance);
        Assert.Empty(cache.ParsedContexts);
        Assert.Equal([before.Contexts[0].Context, a.Context], cache.Contexts);
        cache.BeginScan();
        cache.SetContext(a.Context);
        var fingerprint = cache.Fingerprint(tree.Root + "/devel/app", Ct);
        var found = cache.TryGet(appEntry.Key, fingerprint, Ct, out var output);
        cache.Save();

        Assert.Equal([a.Context], cache.ParsedContexts);
        Assert.Equal(a.Count, cache.Count);
        Assert.True(found);
        Assert.Equal(appEntry.Value.Output.Lines, output.Lines);
        var after = Blocks(tree);
        Assert.Equal([a.Context, before.Contexts[0].Context], after.Contexts.Select(c => c.Context));
        Assert.Equal(before.Contexts[0].Bytes, after.Contexts[1].Bytes);
        Assert.Equal(
            MetadataCacheFile.ParseBlock(a).Select(e => e.Key.ToString()).Order(StringComparer.Ordinal),
            MetadataCacheFile.ParseBlock(after.Contexts[0]).Select(e => e.Key.ToString()).Order(StringComparer.Ordinal));
    }
}

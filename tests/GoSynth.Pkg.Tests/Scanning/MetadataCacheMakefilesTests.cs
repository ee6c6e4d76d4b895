using GoSynth.Environment.Processes;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The last variable the cache asks for (.MAKE.MAKEFILES) changes nothing about how answers are read.</summary>
public sealed class MetadataCacheMakefilesTests
{
    private const string MakefilesArgument = "-V.MAKE.MAKEFILES";

    /// <summary>A fake make: fixed answers per port, plus the line <paramref name="makefiles"/> when it is asked for.</summary>
    private static ScriptedProcessRunner Runner(string makefiles) => new(spec =>
    {
        if (spec.Arguments.Contains("-VPORTS_ENV_VARS"))
        {
            return (0, [""], "");
        }

        string[] lines = ScriptedProcessRunner.OriginOf(spec) switch
        {
            "devel/app" => ScriptedProcessRunner.Answer("1.0", "app-1.0.pkg", run: "x:devel/empty x:devel/newline x:devel/short x:devel/fails"),
            "devel/empty" => [],
            "devel/newline" => [.. ScriptedProcessRunner.Answer("1.0", "newline-1.0.pkg", ignore: "two\nlines").SelectMany(l => l.Split('\n'))],
            "devel/short" => ScriptedProcessRunner.Answer("1.0", "short-1.0.pkg")[..16],
            "devel/fails" => ScriptedProcessRunner.Answer("1.0", "fails-1.0.pkg"),
            _ => ScriptedProcessRunner.Answer("2.1.0", "pkg-2.1.0.pkg"),
        };
        // A real make prints one line (or more) per variable; the "short" answer stands for output cut off.
        if (lines.Length >= 19 && spec.Arguments.Contains(MakefilesArgument))
        {
            lines = [.. lines, makefiles];
        }

        var exit = ScriptedProcessRunner.OriginOf(spec) == "devel/fails" ? 2 : 0;
        return (exit, lines, exit == 0 ? "" : "bad things");
    });

    private static MiniPortsTree Tree()
    {
        var tree = new MiniPortsTree();
        foreach (var origin in new[] { "devel/app", "devel/empty", "devel/newline", "devel/short", "devel/fails" })
        {
            tree.AddPort(origin, "PORTNAME=x\n");
        }

        return tree;
    }

    private static Task<PortScanResult> ScanAsync(MiniPortsTree tree, IProcessRunner runner, bool cache)
    {
        var scanner = new PortScanner(tree.Options(cache: cache), runner);
        return scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Scan_WithCache_AsksForMakefilesLastAndReadsNotFoundAndCorruptAsWithout()
    {
        using var tree = Tree();
        var scripted = Runner(tree.Root + "/devel/app/Makefile " + tree.Root + "/Mk/bsd.port.mk");
        var recording = new CountingProcessRunner(scripted);

        var withCache = await ScanAsync(tree, recording, cache: true);
        var withoutCache = await ScanAsync(tree, Runner("never printed"), cache: false);

        var query = Assert.Single(recording.Specs, s => ScriptedProcessRunner.OriginOf(s) == "devel/app");
        Assert.Equal(20, query.Arguments.Count(a => a.StartsWith("-V", StringComparison.Ordinal)));
        Assert.Equal(MakefilesArgument, query.Arguments[^1]);
        Assert.Equal("-VPKG_ORIGIN", query.Arguments[^2]);
        Assert.Equal(ResultText.Of(withoutCache.Results), ResultText.Of(withCache.Results));
        Assert.Equal(PortQueryStatus.Found, withCache.Results.Single(r => r.Id.Origin == "devel/app").Status);
        Assert.Equal(PortQueryStatus.NotFound, withCache.Results.Single(r => r.Id.Origin == "devel/empty").Status);
        Assert.Contains("printed 20 lines instead of 19", withCache.Results.Single(r => r.Id.Origin == "devel/newline").Error, StringComparison.Ordinal);
        Assert.Contains("printed 16 lines instead of 19", withCache.Results.Single(r => r.Id.Origin == "devel/short").Error, StringComparison.Ordinal);
        Assert.Contains("exited with code 2; make said: bad things", withCache.Results.Single(r => r.Id.Origin == "devel/fails").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rescan_MakeWithoutMakefilesVariable_RecordsNoDependenciesAndIsServedFromCache()
    {
        using var tree = Tree();
        var cold = await ScanAsync(tree, Runner(""), cache: true);
        var warmRunner = Runner("");

        var warm = await ScanAsync(tree, warmRunner, cache: true);

        Assert.Equal(0, warmRunner.Calls);
        Assert.Equal(0, warm.Queried);
        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(warm.Results));
    }

    [Fact]
    public async Task Rescan_CachedNotFoundAndCorruptAnswers_AreServedAsTheyWere()
    {
        using var tree = Tree();
        var cold = await ScanAsync(tree, Runner(tree.Root + "/devel/app/Makefile"), cache: true);
        var warmRunner = Runner("unused");

        var warm = await ScanAsync(tree, warmRunner, cache: true);

        Assert.Equal(0, warmRunner.Calls);
        Assert.Equal(ResultText.Of(cold.Results), ResultText.Of(warm.Results));
        Assert.Equal(4, warm.Results.Count(r => r.Status != PortQueryStatus.Found));
    }

    [Fact]
    public async Task Rescan_TreeReachedThroughSymlinkAndMakeNamesPhysicalPaths_StillSeesTheChange()
    {
        using var tree = Tree();
        using var links = new GoSynth.Testing.TempDirectory("gosynth-link-");
        var link = links.Combine("ports");
        Directory.CreateSymbolicLink(link, tree.Root);
        tree.WriteFile("devel/master/Makefile.common", "V=1\n");
        var options = tree.Options(cache: true);
        options.PortsDirectory = link;
        var makefiles = "Makefile " + tree.Root + "/devel/app/../master/Makefile.common " + tree.Root + "/Mk/bsd.port.mk";
        async Task<CountingProcessRunner> ScanAsync()
        {
            var runner = new CountingProcessRunner(Runner(makefiles));
            var scanner = new PortScanner(options, runner);
            await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);
            return runner;
        }

        await ScanAsync();
        var unchanged = await ScanAsync();
        tree.WriteFile("devel/master/Makefile.common", "V=2\n");
        var changed = await ScanAsync();

        // The fake names the same makefiles for every successful answer of 19 lines or more (and a failed answer
        // records nothing), so exactly those are asked again.
        Assert.Equal(0, unchanged.Count);
        Assert.Equal(["devel/app", "devel/newline", "ports-mgmt/pkg"], changed.MetadataQueries);
    }
}

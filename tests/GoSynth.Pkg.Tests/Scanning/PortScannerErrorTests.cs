using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Pkg.Tests.Scanning;

public sealed class PortScannerErrorTests
{
    [Fact]
    public async Task ScanToList_BrokenAndMissingPorts_CorruptWithStderrAndNotFound()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nBUILD_DEPENDS=x:devel/broken y:devel/missing z:devel/badtoken\n");
        tree.AddPort("devel/broken", "PORTNAME=broken\nPORTVERSION=1.0\n.if ${NO_SUCH_THING\n");
        tree.AddPort("devel/badtoken", "PORTNAME=badtoken\nPORTVERSION=1.0\nRUN_DEPENDS=nocolon\n");
        var scanner = new PortScanner(tree.Options(), new GoSynth.Environment.Processes.ProcessRunner());

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);

        var byId = scan.Results.ToDictionary(r => r.Id.ToString());
        Assert.Equal(PortQueryStatus.Found, byId["devel/app"].Status);
        Assert.Equal(PortQueryStatus.Corrupt, byId["devel/broken"].Status);
        Assert.Contains("make exited with code", byId["devel/broken"].Error, StringComparison.Ordinal);
        Assert.Contains("make said:", byId["devel/broken"].Error, StringComparison.Ordinal);
        Assert.Contains("Makefile", byId["devel/broken"].Error, StringComparison.Ordinal);
        Assert.Equal(PortQueryStatus.NotFound, byId["devel/missing"].Status);
        Assert.Contains("no port at", byId["devel/missing"].Error, StringComparison.Ordinal);
        Assert.Equal(PortQueryStatus.Corrupt, byId["devel/badtoken"].Status);
        Assert.Contains("'nocolon'", byId["devel/badtoken"].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanAndGraph_DependencyThatDoesNotParse_KeepsWhatMakeAnsweredAndBlocksDependents()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nLIB_DEPENDS=libbad.so:devel/badtoken\n");
        tree.AddPort("devel/badtoken", "PORTNAME=badtoken\nPORTVERSION=1.0\nBUILD_DEPENDS=ok:devel/app2\nRUN_DEPENDS=nocolon\nFLAVORS=\n");
        var scanner = new PortScanner(tree.Options(), new GoSynth.Environment.Processes.ProcessRunner());

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);
        var graph = GoSynth.Pkg.Graph.PortGraph.Build(scan);

        var bad = Assert.Single(scan.Results, r => r.Id.Origin == "devel/badtoken");
        Assert.Equal(PortQueryStatus.Corrupt, bad.Status);
        Assert.Equal("1.0", bad.Metadata!.Version);
        Assert.Equal("badtoken-1.0.pkg", bad.Metadata.PackageFile);
        Assert.Empty(bad.Metadata.Dependencies);
        Assert.Equal(PortScanner.QueryVariables.Length, bad.MakeAnswers.Length);
        Assert.Equal("nocolon", bad.MakeAnswers[PortScanner.QueryVariables.IndexOf("RUN_DEPENDS")]);
        Assert.Equal("ok:devel/app2", bad.MakeAnswers[PortScanner.QueryVariables.IndexOf("BUILD_DEPENDS")]);
        Assert.Contains("RUN_DEPENDS token 'nocolon'", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(scan.Results, r => r.Id.Origin == "devel/app2");
        var node = graph[new PortId("devel/badtoken")];
        Assert.Equal(GoSynth.Pkg.Graph.PortNodeState.Corrupt, node.State);
        Assert.Equal(bad.MakeAnswers, node.MakeAnswers);
        Assert.Equal("1.0", node.Metadata!.Version);
        Assert.Equal(GoSynth.Pkg.Graph.PortNodeState.Unbuildable, graph[new PortId("devel/app")].State);
        Assert.StartsWith("depends on devel/badtoken, which is corrupt: devel/badtoken: RUN_DEPENDS token 'nocolon'", graph[new PortId("devel/app")].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_DependencyOriginWithTrailingSlash_AcceptedAndNormalised()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\nLIB_DEPENDS=libiconv.so:converters/libiconv/\nBUILD_DEPENDS=x:${PORTSDIR}/converters/libiconv/\n");
        tree.AddPort("converters/libiconv", "PORTNAME=libiconv\nPORTVERSION=1.17\n");
        var scanner = new PortScanner(tree.Options(), new GoSynth.Environment.Processes.ProcessRunner());

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app/")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(scan.Results, r => Assert.True(r.Status == PortQueryStatus.Found, r.Error));
        Assert.Equal(["converters/libiconv", "devel/app", "ports-mgmt/pkg"], scan.Results.Select(r => r.Id.ToString()));
        var app = scan.Results.Single(r => r.Id.Origin == "devel/app").Metadata!;
        Assert.Equal([(DependencyKind.Build, "converters/libiconv"), (DependencyKind.Lib, "converters/libiconv")], app.Dependencies.Select(d => (d.Kind, d.Port.ToString())));
        Assert.Equal([new PortId("devel/app")], scan.Roots);
    }

    [Theory]
    [InlineData(0, 0, "", PortQueryStatus.NotFound, "printed nothing")]
    [InlineData(18, 0, "boom", PortQueryStatus.Corrupt, "printed 18 lines instead of 19 (a value with a newline?); make said: boom")]
    [InlineData(20, 0, "", PortQueryStatus.Corrupt, "printed 20 lines")]
    [InlineData(19, 2, "bad things", PortQueryStatus.Corrupt, "exited with code 2; make said: bad things")]
    public async Task Scan_MakeOutputShape_ClassifiedLikeDsynth(int lines, int exitCode, string stderr, PortQueryStatus expected, string message)
    {
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/app", "PORTNAME=app\n");
        var runner = new ScriptedProcessRunner(spec => ScriptedProcessRunner.OriginOf(spec) == "devel/app"
            ? (exitCode, Enumerable.Repeat("x", lines).ToArray(), stderr)
            : (0, ScriptedProcessRunner.Answer("1", "pkg-1.pkg"), ""));
        var options = tree.Options();
        options.CacheFrameworkVariables = false;
        var scanner = new PortScanner(options, runner);

        var results = new List<PortQueryResult>();
        await foreach (var r in scanner.ScanAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken))
        {
            results.Add(r);
        }

        var app = Assert.Single(results, r => r.Id.Origin == "devel/app");
        Assert.Equal(expected, app.Status);
        Assert.Contains(message, app.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_DuplicateDependencies_DedupedPerPortAndKind()
    {
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/app", "PORTNAME=app\n");
        tree.AddPort("devel/lib", "PORTNAME=lib\n");
        var runner = new ScriptedProcessRunner(spec => ScriptedProcessRunner.OriginOf(spec) == "devel/app"
            ? (0, ScriptedProcessRunner.Answer("1", "app-1.pkg", run: "a:devel/lib b:devel/lib:install lib>=1:devel/lib", lib: "libl.so:devel/lib"), "")
            : (0, ScriptedProcessRunner.Answer("1", "x-1.pkg"), ""));
        var scanner = new PortScanner(tree.Options(), runner);

        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);

        var deps = scan.Results.Single(r => r.Id.Origin == "devel/app").Metadata!.Dependencies;
        Assert.Equal([(DependencyKind.Lib, "devel/lib"), (DependencyKind.Run, "devel/lib")], deps.Select(d => (d.Kind, d.Port.ToString())));
        Assert.Equal("a", deps.Single(d => d.Kind == DependencyKind.Run).Pattern);
    }

    [Fact]
    public async Task Scan_MissingMakeProgram_ThrowsProcessStartException()
    {
        using var tree = new MiniPortsTree();
        var options = tree.Options();
        options.MakeProgram = "/nonexistent/gosynth-no-make";
        var scanner = new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner());

        await Assert.ThrowsAsync<GoSynth.Environment.Processes.ProcessStartException>(() =>
            scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("ports-mgmt/pkg")), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Scan_MissingPortsTree_ThrowsNamingIt()
    {
        var options = new PkgOptions { PortsDirectory = "/nonexistent/gosynth-ports" };
        var scanner = new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner());

        var ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            scanner.ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("/nonexistent/gosynth-ports", ex.Message, StringComparison.Ordinal);
    }
}

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

    [Theory]
    [InlineData(0, 0, "", PortQueryStatus.NotFound, "printed nothing")]
    [InlineData(16, 0, "boom", PortQueryStatus.Corrupt, "printed 16 lines instead of 17 (a value with a newline?); make said: boom")]
    [InlineData(18, 0, "", PortQueryStatus.Corrupt, "printed 18 lines")]
    [InlineData(17, 2, "bad things", PortQueryStatus.Corrupt, "exited with code 2; make said: bad things")]
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

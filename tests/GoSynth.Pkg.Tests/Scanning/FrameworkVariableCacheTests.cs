using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The framework variables cached across scans follow the host's compiler.</summary>
public sealed class FrameworkVariableCacheTests
{
    /// <summary>A framework whose cacheable variable is the compiler's version, as _CCVERSION_* is in the real one.</summary>
    private const string CompilerProbingMk = """
        .if !defined(_TEST_CCVERSION)
        _TEST_CCVERSION!=	cc --version
        .endif
        PORTS_ENV_VARS=	_TEST_CCVERSION
        PKGVERSION=	${PORTVERSION}
        PKGFILE=	/packages/All/${PORTNAME}-${PKGVERSION}.pkg
        DIST_SUBDIR=	${_TEST_CCVERSION}

        """;

    private static void WriteCompiler(TempDirectory bin, string version)
    {
        var path = bin.WriteFile("cc", $"#!/bin/sh\necho 'fakecc {version}'\n");
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static async Task<(PortScanResult Scan, CountingProcessRunner Runner)> ScanAsync(MiniPortsTree tree, TempDirectory bin)
    {
        var options = tree.Options(cache: true);
        options.SearchPath = bin.Path + ":/usr/bin:/bin";
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        var scanner = new PortScanner(options, runner);
        var scan = await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("devel/app")), cancellationToken: TestContext.Current.CancellationToken);
        return (scan, runner);
    }

    private static string CompilerSeenBy(PortScanResult scan, string origin)
    {
        var result = scan.Results.Single(r => r.Id.Origin == origin);
        Assert.True(result.Metadata is not null, result.Error);
        return result.Metadata.DistSubdir;
    }

    [Fact]
    public async Task Rescan_CompilerChanged_RecomputesTheFrameworkVariables()
    {
        MiniPortsTree.RequireBmake();
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("the fake compiler is a shell script");
        }

        using var tree = new MiniPortsTree();
        using var bin = new TempDirectory("gosynth-cc-");
        tree.WriteFile("Mk/bsd.port.mk", CompilerProbingMk);
        tree.AddPort("devel/app", "PORTNAME=app\nPORTVERSION=1.0\n");
        WriteCompiler(bin, "1.0");
        var (cold, _) = await ScanAsync(tree, bin);
        var (_, unchangedRunner) = await ScanAsync(tree, bin);
        WriteCompiler(bin, "10.2.1");

        var (warm, runner) = await ScanAsync(tree, bin);

        Assert.Equal("fakecc 1.0", CompilerSeenBy(cold, "devel/app"));
        Assert.Equal(0, unchangedRunner.Count);
        Assert.Contains(runner.Specs, s => s.Arguments.Contains("-VPORTS_ENV_VARS"));
        Assert.Equal("fakecc 10.2.1", CompilerSeenBy(warm, "devel/app"));
        Assert.Equal("fakecc 10.2.1", CompilerSeenBy(warm, "ports-mgmt/pkg"));
        Assert.Equal(["devel/app", "ports-mgmt/pkg"], runner.MetadataQueries);
    }
}

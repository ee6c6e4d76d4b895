using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>What every make call of a scan sees: a package builder's BATCH and PACKAGE_BUILDING, and the profile's make.conf.</summary>
public sealed class ScanEnvironmentTests
{
    private static CountingProcessRunner Runner() => new(new GoSynth.Environment.Processes.ProcessRunner());

    private static PkgOptions SampleOptions(TempDirectory work, string? makeConf = null) => new()
    {
        PortsDirectory = RepositoryPaths.SamplePorts,
        MakeProgram = "bmake",
        Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
        WorkDirectory = work.Combine("work"),
        SearchPath = "/usr/bin:/bin",
        MakeConfFile = makeConf,
    };

    private static async Task<PortScanResult> ScanAsync(PkgOptions options, CountingProcessRunner runner, params string[] ports)
    {
        var scanner = new PortScanner(options, runner);
        return await scanner.ScanToListAsync(ScanRequest.For(ports.Select(scanner.ParseSpec)), cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Scan_EveryQueryAndTheFrameworkProbe_CarryBatchPackageBuildingAndNoMakeConf()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        var runner = Runner();

        await ScanAsync(tree.Options(), runner, "devel/lib");

        Assert.Contains(runner.Specs, s => s.Arguments.Contains("-VPORTS_ENV_VARS"));
        Assert.Equal(["devel/lib", "ports-mgmt/pkg"], runner.MetadataQueries);
        Assert.All(runner.Specs, s =>
        {
            Assert.Equal("yes", s.Environment["BATCH"]);
            Assert.Equal("yes", s.Environment["PACKAGE_BUILDING"]);
            Assert.Equal("yes", s.Environment["PACKAGE_BUILDING_FLAVORS"]);
            Assert.Equal("/dev/null", s.Environment["__MAKE_CONF"]);
        });
    }

    [Fact]
    public async Task Scan_SampleInteractiveAndNoPackagePorts_AreIgnoredAsInAPackageBuild()
    {
        MiniPortsTree.RequireBmake();
        using var work = new TempDirectory();

        var scan = await ScanAsync(SampleOptions(work), Runner(), "misc/askname", "misc/keyvault", "misc/hello");

        var ask = scan.Results.Single(r => r.Id.Origin == "misc/askname").Metadata!;
        var key = scan.Results.Single(r => r.Id.Origin == "misc/keyvault").Metadata!;
        Assert.True(ask.IsIgnored);
        Assert.Contains("IS_INTERACTIVE", ask.IgnoreReason, StringComparison.Ordinal);
        Assert.True(key.IsIgnored);
        Assert.Equal("must not be made into a package: the licence forbids redistributing binaries", key.IgnoreReason);
        Assert.False(scan.Results.Single(r => r.Id.Origin == "misc/hello").Metadata!.IsIgnored);
    }

    [Fact]
    public async Task Scan_MakeConfGiven_ReachesMakeAsSysMkIncludesIt()
    {
        MiniPortsTree.RequireBmake();
        using var work = new TempDirectory();
        var makeConf = work.WriteFile("profile-make.conf", "MAKE_JOBS_NUMBER=3\nmisc_hello_SET=WORDS\n");
        var runner = Runner();

        var scan = await ScanAsync(SampleOptions(work, makeConf), runner, "misc/hello");

        var hello = scan.Results.Single(r => r.Id.Origin == "misc/hello").Metadata!;
        Assert.Equal(3, hello.MakeJobsNumber);
        Assert.Equal(["COLOR", "DOCS", "WORDS"], hello.SelectedOptions);
        Assert.Contains(hello.Dependencies, d => d.Kind == DependencyKind.Run && d.Port.Origin == "textproc/wordcount");
        Assert.Contains(scan.Results, r => r.Id.Origin == "textproc/wordcount");
        Assert.All(runner.Specs.Where(s => s.FileName != "unshare"), s => Assert.Equal(makeConf, s.Environment["__MAKE_CONF"]));
    }

    [Fact]
    public async Task Rescan_MakeConfContentChanged_RequeriesAndReturningToItIsWarm()
    {
        MiniPortsTree.RequireBmake();
        using var tree = new MiniPortsTree();
        tree.AddPort("devel/lib", "PORTNAME=lib\nPORTVERSION=2.0\n");
        var makeConf = Path.Combine(tree.Root, "..", "make.conf");
        var options = tree.Options(cache: true);
        options.MakeConfFile = makeConf;
        async Task<(int? Jobs, CountingProcessRunner Runner)> ScanWithAsync(string content)
        {
            await File.WriteAllTextAsync(makeConf, content, TestContext.Current.CancellationToken);
            var runner = Runner();
            var scan = await ScanAsync(options, runner, "devel/lib");
            return (scan.Results.Single(r => r.Id.Origin == "devel/lib").Metadata!.MakeJobsNumber, runner);
        }

        var (seven, _) = await ScanWithAsync("_SMP_CPUS=7\n");
        var (five, changed) = await ScanWithAsync("_SMP_CPUS=5\n");
        var (again, back) = await ScanWithAsync("_SMP_CPUS=7\n");

        Assert.Equal(7, seven);
        Assert.Equal(5, five);
        Assert.Equal(["devel/lib", "ports-mgmt/pkg"], changed.MetadataQueries);
        Assert.Equal(7, again);
        Assert.Equal(0, back.Count);
    }

    [Fact]
    public void Options_MakeConfMissing_FailsValidationNamingTheFile()
    {
        var options = new PkgOptions { MakeConfFile = "/nonexistent/gosynth-make.conf" };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("/nonexistent/gosynth-make.conf", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
    }
}

using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The framework variables are computed in the tree's pkg port, wherever its PKG_ORIGIN puts it; an explicit
/// FrameworkProbePort still wins.</summary>
public sealed class FrameworkProbePortTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _tree;

    /// <summary>A copy of the sample tree reorganised as another tree might be: the pkg port lives at system/pkg and
    /// the framework's PKG_ORIGIN says so; there is no ports-mgmt/pkg.</summary>
    public FrameworkProbePortTests()
    {
        _tree = _dir.Combine("ports");
        CopyTree(RepositoryPaths.SamplePorts, _tree);
        Directory.CreateDirectory(Path.Combine(_tree, "system"));
        Directory.Move(Path.Combine(_tree, "ports-mgmt/pkg"), Path.Combine(_tree, "system/pkg"));
        Directory.Delete(Path.Combine(_tree, "ports-mgmt"), recursive: true);
        File.WriteAllText(Path.Combine(_tree, "system/Makefile"), "COMMENT=\tThe base of the system\n\nSUBDIR+=\tpkg\n\n.include <bsd.port.subdir.mk>\n");
        Replace("Makefile", "SUBDIR+=\tports-mgmt\n", "SUBDIR+=\tsystem\n");
        Replace("Mk/bsd.defaults.mk", "PKG_ORIGIN?=\tports-mgmt/pkg", "PKG_ORIGIN?=\tsystem/pkg");
        Replace("sysutils/svcmon/Makefile", ":ports-mgmt/pkg", ":system/pkg");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_TreeWhosePkgOriginIsSystemPkg_ComputesTheFrameworkVariablesThere()
    {
        MiniPortsTree.RequireBmake();
        var logger = new RecordingLogger<PortScanner>();
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());

        var scan = await new PortScanner(Options(), runner, logger).ScanToListAsync(ScanRequest.For(Spec("misc/hello")), cancellationToken: Ct);

        Assert.Equal("system/pkg", scan.BootstrapOrigin);
        Assert.DoesNotContain(logger.Ids, id => id == PkgEventIds.FrameworkProbeMissing);
        var computed = Assert.Single(logger.Messages, m => m.Id == PkgEventIds.FrameworkVariablesComputed);
        Assert.Contains("system/pkg", computed.Text, StringComparison.Ordinal);
        Assert.Contains(runner.Specs, s => s.Arguments.Contains("-VPORTS_ENV_VARS") && s.Arguments.Contains(Path.Combine(_tree, "system/pkg")));
        Assert.All(scan.Results, r => Assert.Equal(PortQueryStatus.Found, r.Status));
    }

    [Fact]
    public async Task Scan_LearnedPkgOrigin_IsKeptByTheMetadataCache()
    {
        MiniPortsTree.RequireBmake();
        var options = Options();
        options.CacheDirectory = _dir.Combine("cache");
        await new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner()).ScanToListAsync(ScanRequest.For(Spec("misc/hello")), cancellationToken: Ct);
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());

        var warm = await new PortScanner(options, runner).ScanToListAsync(ScanRequest.For(Spec("misc/hello")), cancellationToken: Ct);

        Assert.Equal(0, runner.Count);
        Assert.Equal("system/pkg", warm.BootstrapOrigin);
    }

    [Fact]
    public async Task Scan_ExplicitProbePort_Wins()
    {
        MiniPortsTree.RequireBmake();
        var options = Options();
        options.FrameworkProbePort = "devel/libgreet";
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());

        await new PortScanner(options, runner).ScanToListAsync(ScanRequest.For(Spec("misc/hello")), cancellationToken: Ct);

        var probe = Assert.Single(runner.Specs, s => s.Arguments.Contains("-VPORTS_ENV_VARS"));
        Assert.Contains(Path.Combine(_tree, "devel/libgreet"), probe.Arguments);
        Assert.DoesNotContain(runner.Specs, s => s.Arguments.Count(a => a.StartsWith("-V", StringComparison.Ordinal)) == 1 && s.Arguments.Contains("-VPKG_ORIGIN"));
    }

    private PkgOptions Options() => new()
    {
        UseTargetView = false,
        PortsDirectory = _tree,
        MakeProgram = "bmake",
        Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
        WorkDirectory = _dir.Combine("work"),
        SearchPath = "/usr/bin:/bin",
    };

    private GoSynth.Pkg.Ports.PortSpec Spec(string origin) => GoSynth.Pkg.Ports.PortSpec.Parse(origin, _tree);

    private void Replace(string relative, string from, string to)
    {
        var path = Path.Combine(_tree, relative);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("work" or ".git"))
            {
                CopyTree(directory, Path.Combine(to, name));
            }
        }
    }

}

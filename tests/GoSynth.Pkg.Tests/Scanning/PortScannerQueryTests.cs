using GoSynth.Environment.Processes;
using GoSynth.Pkg.Scanning;
using Moq;

namespace GoSynth.Pkg.Tests.Scanning;

public sealed class PortScannerQueryTests
{
    [Fact]
    public async Task Scan_MetadataQuery_IsDsynthsSeventeenVariablesThenFlavorAndPkgOriginWithACleanEnvironment()
    {
        using var tree = new MiniPortsTree();
        tree.AddPort("lang/py", "PORTNAME=py\n");
        var specs = new List<ProcessSpec>();
        var runner = new Mock<IProcessRunner>();
        runner.Setup(r => r.RunAsync(It.IsAny<ProcessSpec>(), It.IsAny<IProcessOutputSink?>(), It.IsAny<CancellationToken>()))
            .Returns((ProcessSpec spec, IProcessOutputSink? sink, CancellationToken _) =>
            {
                lock (specs)
                {
                    specs.Add(spec);
                }

                var lines = ScriptedProcessRunner.FlavorOf(spec) is null && ScriptedProcessRunner.OriginOf(spec) == "lang/py"
                    ? ScriptedProcessRunner.Answer("3", "py-3.pkg", flavors: "a b")
                    : ScriptedProcessRunner.Answer("3", "py-3.pkg");
                if (spec.Arguments.Contains("-VPORTS_ENV_VARS"))
                {
                    lines = ["ARCH _CACHED_CC", @"ARCH=i386 _CACHED_CC=clang\ 19"];
                }

                foreach (var line in lines)
                {
                    sink!.OnLine(ProcessStream.StandardOutput, line);
                }

                return Task.FromResult(new ProcessResult(ProcessOutcome.Exited, 0, TimeSpan.Zero));
            });
        var scanner = new PortScanner(tree.Options(), runner.Object);

        await scanner.ScanToListAsync(ScanRequest.For(scanner.ParseSpec("lang/py@b")), cancellationToken: TestContext.Current.CancellationToken);

        var flavored = Assert.Single(specs, s => ScriptedProcessRunner.FlavorOf(s) == "b");
        var localBase = Path.Combine(tree.Work, "empty");
        string[] expected =
        [
            "-C", tree.Root + "/lang/py", "FLAVOR=b", "LOCALBASE=" + localBase,
            "-VPKGVERSION", "-VPKGFILE:T", "-VALLFILES", "-VDIST_SUBDIR", "-VMAKE_JOBS_NUMBER", "-VIGNORE",
            "-VFETCH_DEPENDS", "-VEXTRACT_DEPENDS", "-VPATCH_DEPENDS", "-VBUILD_DEPENDS", "-VLIB_DEPENDS", "-VRUN_DEPENDS",
            "-VSELECTED_OPTIONS", "-VDESELECTED_OPTIONS", "-VUSE_LINUX", "-VFLAVORS", "-VUSES",
            "-VFLAVOR", "-VPKG_ORIGIN",
        ];
        Assert.Equal(expected, flavored.Arguments);
        Assert.Equal("bmake", flavored.FileName);
        Assert.True(Directory.Exists(localBase));
        Assert.Empty(Directory.EnumerateFileSystemEntries(localBase));
        var env = flavored.Environment;
        Assert.Equal(
            ["ARCH", "BATCH", "CONFIGURE_MAX_CMD_LEN", "MAKESYSPATH", "OPSYS", "OSREL", "OSVERSION", "PACKAGE_BUILDING", "PACKAGE_BUILDING_FLAVORS", "PATH", "PORTSDIR", "UNAME_m", "UNAME_p", "UNAME_r", "UNAME_s", "_CACHED_CC", "_OSRELEASE", "_SMP_CPUS", "__MAKE_CONF"],
            env.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("/dev/null", env["__MAKE_CONF"]);
        Assert.Equal(tree.Root, env["PORTSDIR"]);
        Assert.Equal("1402000", env["OSVERSION"]);
        Assert.Equal("amd64", env["ARCH"]);
        Assert.Equal("clang 19", env["_CACHED_CC"]);
        Assert.True(File.Exists(Path.Combine(env["MAKESYSPATH"], "bsd.port.mk")));

        var probe = Assert.Single(specs, s => s.Arguments.Contains("-VPORTS_ENV_VARS"));
        Assert.Equal(
            ["-C", tree.Root + "/ports-mgmt/pkg", "LOCALBASE=" + localBase, "-VPORTS_ENV_VARS", "-V${PORTS_ENV_VARS:@_gosynth_v@${_gosynth_v}=${${_gosynth_v}:Q}@}"],
            probe.Arguments);
        Assert.False(probe.Environment.ContainsKey("_CACHED_CC"));
        Assert.DoesNotContain(specs, s => s.Arguments.Contains("-V_CACHED_CC"));
    }
}

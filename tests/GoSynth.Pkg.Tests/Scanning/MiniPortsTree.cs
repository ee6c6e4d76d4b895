using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>
/// A tiny ports tree written for one test: a minimal Mk that answers the 17 variables, counts its parse-time probe
/// in probe.log, and names that probe in PORTS_ENV_VARS; ports added with <see cref="AddPort"/>.
/// </summary>
internal sealed class MiniPortsTree : IDisposable
{
    private const string BsdPortMk = """
        .if defined(FLAVORS) && !empty(FLAVORS)
        FLAVOR?=	${FLAVORS:[1]}
        .endif
        .if !defined(_TEST_PROBE)
        _TEST_PROBE!=	echo probe >> ${PORTSDIR}/probe.log; echo probed-value
        .endif
        PORTS_ENV_VARS=	_TEST_PROBE
        PKGVERSION=	${PORTVERSION}
        PKGNAME=	${PORTNAME}${PKGNAMESUFFIX}-${PKGVERSION}
        PKGFILE=	/packages/All/${PKGNAME}.pkg
        ALLFILES?=	${DISTFILES}
        MAKE_JOBS_NUMBER=	${_SMP_CPUS}
        PROBE_SEEN=	${_TEST_PROBE}

        """;

    private readonly TempDirectory _root = new("gosynth-minitree-");

    /// <summary>Creates the tree.</summary>
    /// <param name="withPkg">Adds a <c>ports-mgmt/pkg</c> port.</param>
    /// <param name="pkgOrigin">The framework's <c>PKG_ORIGIN</c>; null for a framework that sets none.</param>
    public MiniPortsTree(bool withPkg = true, string? pkgOrigin = "ports-mgmt/pkg")
    {
        Root = _root.Combine("ports");
        Directory.CreateDirectory(Root);
        _root.WriteFile("ports/Mk/bsd.port.mk", BsdPortMk + (pkgOrigin is null ? "" : "PKG_ORIGIN?=\t" + pkgOrigin + "\n"));
        if (withPkg)
        {
            AddPort("ports-mgmt/pkg", "PORTNAME=pkg\nPORTVERSION=2.1.0\n");
        }
    }

    public string Root { get; }

    public string Work => _root.Combine("work");

    public string Cache => _root.Combine("cache");

    public int ProbeRuns => File.Exists(Path.Combine(Root, "probe.log")) ? File.ReadAllLines(Path.Combine(Root, "probe.log")).Length : 0;

    /// <summary>Writes a port Makefile: <paramref name="body"/> then the framework include.</summary>
    public void AddPort(string origin, string body, string include = "<bsd.port.mk>") =>
        _root.WriteFile("ports/" + origin + "/Makefile", body.TrimEnd() + "\n.include " + include + "\n");

    public void WriteFile(string relativePath, string contents) => _root.WriteFile("ports/" + relativePath, contents);

    /// <summary>Options for this tree, evaluated on the host as it is (tests of the target view turn it on).</summary>
    public PkgOptions Options(int parallelism = 2, bool cache = false) => new()
    {
        PortsDirectory = Root,
        MakeProgram = "bmake",
        Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 4),
        ScanParallelism = parallelism,
        WorkDirectory = Work,
        CacheDirectory = cache ? Cache : null,
        UseTargetView = false,
    };

    public static void RequireBmake()
    {
        var found = (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Any(d => File.Exists(Path.Combine(d, "bmake")));
        if (!found)
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }
    }

    public void Dispose() => _root.Dispose();
}

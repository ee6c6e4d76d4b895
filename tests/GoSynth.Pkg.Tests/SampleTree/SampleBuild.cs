using System.Text;
using GoSynth.Pkg.Tests.Samples;

namespace GoSynth.Pkg.Tests.SampleTree;

/// <summary>
/// Builds sample ports the way the builder does inside a slot, one bmake run per phase:
/// <c>bmake -C &lt;tree&gt;/&lt;origin&gt; [FLAVOR=f] -DNO_DEPENDS &lt;phase&gt;</c>, with the builder's environment
/// pointed at directories of its own below <see cref="Root"/> (work, distfiles, packages, options and an install
/// root whose <c>usr/local</c> is LOCALBASE). PREFIX stays <c>/usr/local</c>, as in a slot.
/// </summary>
internal sealed class SampleBuild
{
    /// <summary>The phases the builder runs, in dsynth's order (check-plist included).</summary>
    public static readonly IReadOnlyList<string> Phases =
        ["fetch", "checksum", "extract", "patch", "configure", "build", "stage", "check-plist", "package"];

    public SampleBuild(string tree, string root)
    {
        Tree = tree;
        Root = root;
        foreach (var dir in new[] { Construction, Distfiles, Packages, Options, LocalBase })
        {
            Directory.CreateDirectory(dir);
        }
    }

    public string Tree { get; }

    /// <summary>A directory searched before the standard PATH (a test puts another <c>tar</c> there).</summary>
    public string? PathPrefix { get; init; }

    public string Root { get; }

    public string Construction => Path.Combine(Root, "construction");

    public string Distfiles => Path.Combine(Root, "distfiles");

    public string Packages => Path.Combine(Root, "packages");

    public string Options => Path.Combine(Root, "options");

    /// <summary>The install root: packages are installed here, so their <c>/usr/local</c> is <see cref="LocalBase"/>.</summary>
    public string InstallRoot => Path.Combine(Root, "root");

    public string LocalBase => Path.Combine(InstallRoot, "usr", "local");

    /// <summary>The builder's environment: nothing inherited, the FreeBSD 14.2 amd64 target as a scan describes it.</summary>
    public Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["PATH"] = (PathPrefix is null ? "" : PathPrefix + ":") + "/usr/bin:/bin:/usr/sbin:/sbin",
        ["PORTSDIR"] = Tree,
        ["WRKDIRPREFIX"] = Construction,
        ["DISTDIR"] = Distfiles,
        ["PACKAGES"] = Packages,
        ["PORT_DBDIR"] = Options,
        ["LOCALBASE"] = LocalBase,
        ["PREFIX"] = "/usr/local",
        ["MAKESYSPATH"] = PortsTreeQuery.MakeSysPath,
        ["__MAKE_CONF"] = "/dev/null",
        ["BATCH"] = "yes",
        ["PACKAGE_BUILDING"] = "yes",
        ["OPSYS"] = "FreeBSD",
        ["OSVERSION"] = "1402000",
        ["_OSRELEASE"] = "14.2-RELEASE",
        ["OSREL"] = "14.2",
        ["ARCH"] = "amd64",
        ["CONFIGURE_MAX_CMD_LEN"] = "262144",
        ["_SMP_CPUS"] = "2",
        ["MAKE_JOBS_NUMBER"] = "2",
    };

    /// <summary>One phase of one port, as the builder runs it.</summary>
    public Task<BmakeResult> RunPhaseAsync(string origin, string? flavor, string phase, CancellationToken cancellationToken)
    {
        List<string> args = ["-C", Path.Combine(Tree, origin)];
        if (flavor is not null)
        {
            args.Add("FLAVOR=" + flavor);
        }

        args.AddRange(["-DNO_DEPENDS", phase]);
        return Bmake.RunAsync(args, Environment(), cancellationToken);
    }

    /// <summary>Asks the port for variables with this build's environment.</summary>
    public async Task<IReadOnlyList<string>> QueryAsync(string origin, string? flavor, IEnumerable<string> variables, CancellationToken cancellationToken)
    {
        List<string> args = ["-C", Path.Combine(Tree, origin)];
        if (flavor is not null)
        {
            args.Add("FLAVOR=" + flavor);
        }

        args.AddRange(variables.Select(v => "-V" + v));
        var result = await Bmake.RunAsync(args, Environment(), cancellationToken);
        Assert.True(result.ExitCode == 0, origin + ": " + result);
        return result.Lines;
    }

    /// <summary>Runs every phase in order, stopping at the first that fails.</summary>
    public async Task<PortBuild> BuildAsync(string origin, string? flavor, CancellationToken cancellationToken)
    {
        var answers = await QueryAsync(origin, flavor, ["PKGFILE", "WRKDIR", "STAGEDIR", "IGNORE"], cancellationToken);
        var log = new StringBuilder();
        string? failed = null;
        BmakeResult? failure = null;
        foreach (var phase in Phases)
        {
            var result = await RunPhaseAsync(origin, flavor, phase, cancellationToken);
            log.Append(result.Stdout).Append(result.Stderr);
            if (result.ExitCode != 0)
            {
                failed = phase;
                failure = result;
                break;
            }
        }

        return new PortBuild(origin, flavor, failed, failure, log.ToString(), answers[0], answers[1], answers[2], answers[3]);
    }
}

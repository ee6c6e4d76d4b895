using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Samples;

/// <summary>
/// Evaluates ports of a tree the way GoSynth's scan does on Linux: the FreeBSD 14.2 amd64 target
/// environment, the MAKESYSPATH stubs, <c>LOCALBASE</c> set to an empty directory, dsynth's 17 variables.
/// </summary>
internal sealed class PortsTreeQuery
{
    /// <summary>dsynth's metadata variables, in the order of its query.</summary>
    public static readonly IReadOnlyList<string> Variables =
    [
        "PKGVERSION", "PKGFILE:T", "ALLFILES", "DIST_SUBDIR", "MAKE_JOBS_NUMBER", "IGNORE",
        "FETCH_DEPENDS", "EXTRACT_DEPENDS", "PATCH_DEPENDS", "BUILD_DEPENDS", "LIB_DEPENDS", "RUN_DEPENDS",
        "SELECTED_OPTIONS", "DESELECTED_OPTIONS", "USE_LINUX", "FLAVORS", "USES",
    ];

    private static readonly string[] s_skippedTopLevel = ["Mk", "Templates", "Tools", "distfiles", "packages"];

    public PortsTreeQuery(string tree, string localBase)
    {
        Tree = tree;
        LocalBase = localBase;
    }

    public string Tree { get; }

    public string LocalBase { get; }

    /// <summary>The system-makefile stub directory shipped in GoSynth.Pkg.</summary>
    public static string MakeSysPath => Path.Combine(RepositoryPaths.Root, "src", "GoSynth.Pkg", "Profiles", "MakeSysPath");

    /// <summary>The environment of a scan: nothing inherited, the target described, a package builder's BATCH and PACKAGE_BUILDING.</summary>
    public Dictionary<string, string> Environment(IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin:/bin",
            ["PORTSDIR"] = Tree,
            ["MAKESYSPATH"] = MakeSysPath,
            ["__MAKE_CONF"] = "/dev/null",
            ["BATCH"] = "yes",
            ["PACKAGE_BUILDING"] = "yes",
            ["PACKAGE_BUILDING_FLAVORS"] = "yes",
            ["OPSYS"] = "FreeBSD",
            ["OSVERSION"] = "1402000",
            ["_OSRELEASE"] = "14.2-RELEASE",
            ["OSREL"] = "14.2",
            ["ARCH"] = "amd64",
            ["CONFIGURE_MAX_CMD_LEN"] = "262144",
            ["_SMP_CPUS"] = "2",
        };
        if (extra is not null)
        {
            foreach (var (name, value) in extra)
            {
                env[name] = value;
            }
        }

        return env;
    }

    /// <summary>Every <c>category/port</c> directory of the tree with a Makefile, sorted.</summary>
    public IReadOnlyList<string> Origins()
    {
        var origins = new List<string>();
        foreach (var category in Directory.EnumerateDirectories(Tree))
        {
            var categoryName = Path.GetFileName(category);
            if (categoryName.StartsWith('.') || s_skippedTopLevel.Contains(categoryName))
            {
                continue;
            }

            foreach (var port in Directory.EnumerateDirectories(category))
            {
                if (File.Exists(Path.Combine(port, "Makefile")))
                {
                    origins.Add(categoryName + "/" + Path.GetFileName(port));
                }
            }
        }

        origins.Sort(StringComparer.Ordinal);
        return origins;
    }

    /// <summary>Runs the 17-variable query for one port (optionally one flavor).</summary>
    public Task<BmakeResult> QueryAsync(
        string origin,
        string? flavor,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraEnvironment = null,
        IEnumerable<string>? extraArguments = null)
    {
        var args = new List<string> { "-C", Path.Combine(Tree, origin) };
        if (flavor is not null)
        {
            args.Add("FLAVOR=" + flavor);
        }

        args.Add("LOCALBASE=" + LocalBase);
        args.AddRange(extraArguments ?? []);
        args.AddRange(Variables.Select(v => "-V" + v));
        return Bmake.RunAsync(args, Environment(extraEnvironment), cancellationToken);
    }

    /// <summary>Asks arbitrary variables of one port.</summary>
    public Task<BmakeResult> VariablesAsync(
        string origin,
        IEnumerable<string> variables,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraEnvironment = null,
        IEnumerable<string>? extraArguments = null)
    {
        var args = new List<string> { "-C", Path.Combine(Tree, origin), "LOCALBASE=" + LocalBase };
        args.AddRange(extraArguments ?? []);
        args.AddRange(variables.Select(v => "-V" + v));
        return Bmake.RunAsync(args, Environment(extraEnvironment), cancellationToken);
    }
}

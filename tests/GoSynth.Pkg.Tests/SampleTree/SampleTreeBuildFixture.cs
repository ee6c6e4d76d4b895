using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Tests.Samples;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.SampleTree;

/// <summary>
/// Builds the whole sample tree once, in dependency order, as a builder would: each port phase by phase; the
/// packages a port needs installed with <see cref="PackageInstaller"/> into the install root (LOCALBASE) first.
/// Also builds <c>misc/hello</c> a second time against an install root that lacks its library. Records the tree's
/// files before and after, to show the builds wrote nothing into it.
/// </summary>
public sealed class SampleTreeBuildFixture : IAsyncLifetime
{
    /// <summary>Ports expected to build and package, with the package file name each must produce.</summary>
    public static readonly IReadOnlyList<(string Origin, string? Flavor, string Package)> Buildable =
    [
        ("ports-mgmt/pkg", null, "pkg-2.1.0.pkg"),
        ("devel/pkgconf", null, "pkgconf-2.3.0.pkg"),
        ("devel/libgreet", null, "libgreet-1.4.2_1.pkg"),
        ("misc/hello", null, "hello-2.12.pkg"),
        ("net/fetchit", null, "fetchit-1.2.3.pkg"),
        ("archivers/unpackx", null, "unpackx-0.4.pkg"),
        ("textproc/wordcount", null, "wordcount-0.9.pkg"),
        ("devel/patchkit", null, "patchkit-3.1.pkg"),
        ("textproc/greet-doc", null, "greet-doc-1.4.2.pkg"),
        ("devel/kvmstub", null, "kvmstub-0.2.pkg"),
        ("devel/ncurses", null, "ncurses-6.5.pkg"),
        ("misc/termclock", null, "termclock-0.2.pkg"),
        ("sysutils/svcmon", null, "svcmon-1.1.pkg"),
        ("editors/tedit", "tty", "tedit-1.0_2,1.pkg"),
        ("editors/tedit", "gui", "tedit-gui-1.0_2,1.pkg"),
        ("textproc/spell", "de", "spell-1.0.pkg"),
        ("textproc/spell", "en", "spell-en-1.0.pkg"),
        ("misc/meta-samples", null, "meta-samples-1.0.pkg"),
    ];

    /// <summary>Ports that must not produce a package: IGNOREd, failing, or needing the failing port's library.</summary>
    public static readonly IReadOnlyList<string> Unbuildable =
        ["broken/badcode", "misc/badclient", "sysutils/legacyd", "misc/askname", "misc/keyvault"];

    // What each port needs installed before it builds (its LIB and BUILD dependencies that the build really uses).
    private static readonly Dictionary<string, string[]> s_installFirst = new(StringComparer.Ordinal)
    {
        ["misc/hello"] = ["libgreet-1.4.2_1.pkg", "pkgconf-2.3.0.pkg"],
        ["misc/termclock"] = ["ncurses-6.5.pkg"],
    };

    private readonly TempDirectory _temp = new("gosynth-samplebuild-");
    private readonly Dictionary<string, PortBuild> _builds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _installed = new(StringComparer.Ordinal);

    public string Tree => RepositoryPaths.SamplePorts;

    internal SampleBuild Main { get; private set; } = null!;

    /// <summary><c>misc/hello</c> built against an install root holding pkgconf but not libgreet.</summary>
    internal PortBuild HelloWithoutLibrary { get; private set; } = null!;

    internal IReadOnlyDictionary<string, (long Length, DateTime Modified)> TreeBefore { get; private set; } = null!;

    internal IReadOnlyDictionary<string, (long Length, DateTime Modified)> TreeAfter { get; private set; } = null!;

    public TimeSpan Elapsed { get; private set; }

    public TempDirectory Temp => _temp;

    internal PortBuild this[string origin, string? flavor = null] => _builds[Key(origin, flavor)];

    public async ValueTask InitializeAsync()
    {
        if (Bmake.Path is null)
        {
            return; // each test skips with the reason
        }

        var ct = TestContext.Current.CancellationToken;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TreeBefore = Snapshot(Tree);
        Main = new SampleBuild(Tree, _temp.Combine("main"));
        foreach (var (origin, flavor, _) in Buildable)
        {
            foreach (var package in s_installFirst.GetValueOrDefault(origin, []))
            {
                if (_installed.Add(package))
                {
                    await PackageInstaller.InstallAsync(Path.Combine(Main.Packages, "All", package), Main.InstallRoot, cancellationToken: ct);
                }
            }

            _builds[Key(origin, flavor)] = await Main.BuildAsync(origin, flavor, ct);
        }

        foreach (var origin in Unbuildable)
        {
            _builds[Key(origin, null)] = await Main.BuildAsync(origin, null, ct);
        }

        var bare = new SampleBuild(Tree, _temp.Combine("without-library"));
        await PackageInstaller.InstallAsync(Path.Combine(Main.Packages, "All", "pkgconf-2.3.0.pkg"), bare.InstallRoot, cancellationToken: ct);
        HelloWithoutLibrary = await bare.BuildAsync("misc/hello", null, ct);
        TreeAfter = Snapshot(Tree);
        Elapsed = clock.Elapsed;
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Every file and directory below <paramref name="root"/> with its length and modification time.</summary>
    internal static Dictionary<string, (long Length, DateTime Modified)> Snapshot(string root)
    {
        var result = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var length = entry is FileInfo file ? file.Length : -1;
            result[Path.GetRelativePath(root, entry.FullName)] = (length, entry.LastWriteTimeUtc);
        }

        return result;
    }

    private static string Key(string origin, string? flavor) => flavor is null ? origin : origin + "@" + flavor;
}

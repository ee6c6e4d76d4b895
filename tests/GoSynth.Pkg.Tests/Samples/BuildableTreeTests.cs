using System.Diagnostics;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Pkg.Tests.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Samples;

/// <summary>A generated tree with <see cref="PortsTreeGeneratorOptions.Buildable"/>: scanned and built by real bmake with the sample framework.</summary>
public sealed class BuildableTreeTests
{
    [Fact]
    public async Task Generate_Buildable_ScansAndEveryPortBuildsItsPackageWithBmake()
    {
        MiniPortsTree.RequireBmake();
        Assert.SkipUnless(OnPath("zstd") && OnPath("tar"), "zstd or tar is not installed (eng/prereqs.sh installs them)");
        using var dir = new TempDirectory();
        var tree = PortsTreeGenerator.Generate(dir.Combine("ports"), new PortsTreeGeneratorOptions
        {
            PortCount = 14, CategoryCount = 3, IgnoredFraction = 0, MetaFraction = 0.1, FlavoredFraction = 0.3, Buildable = true,
        });
        Assert.Contains(tree.Edges, e => e.Kind is "Lib" or "Run" && tree.Flavors.ContainsKey(e.To.Split('@')[0]));
        var profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2);
        var scan = await new PortScanner(
            new PkgOptions { PortsDirectory = tree.Directory, MakeProgram = "bmake", Profile = profile, WorkDirectory = dir.Combine("work"), CacheDirectory = dir.Combine("cache") },
            new GoSynth.Environment.Processes.ProcessRunner()).ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken);
        Assert.All(scan.Results, r => Assert.True(r.Status == PortQueryStatus.Found, r.Error));
        Assert.Equal(tree.Nodes, scan.Results.Select(r => r.Id.ToString()).Order(StringComparer.Ordinal));
        Assert.Contains(scan.Results, r => r.Metadata!.Dependencies.Length > 0);

        // Build every node with the framework's own phases, dependencies first (as a builder orders them).
        var byId = scan.Results.ToDictionary(r => r.Id.ToString(), r => r.Metadata!, StringComparer.Ordinal);
        var built = new HashSet<string>(StringComparer.Ordinal);
        var makeSysPath = profile.EnsureMakeSysPath(dir.Combine("work"))!;
        while (built.Count < byId.Count)
        {
            var ready = byId.Where(p => !built.Contains(p.Key) && p.Value.Dependencies.All(d => built.Contains(d.Port.ToString())))
                .OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(ready);
            foreach (var (id, metadata) in ready)
            {
                var (status, output) = Make(tree.Directory, dir.Path, makeSysPath, metadata.Id, "package");
                Assert.True(status == 0, $"{id}: bmake package exited {status}\n{output}");
                var package = Path.Combine(dir.Path, "packages", "All", metadata.PackageFile);
                Assert.True(File.Exists(package), $"{id}: no package {package}\n{output}");
                var (listStatus, listing) = Run("tar", ["--zstd", "-tf", package], null);
                Assert.Equal(0, listStatus);
                Assert.Contains("+MANIFEST", listing, StringComparison.Ordinal);
                if (!metadata.IsMeta)
                {
                    var file = "/usr/local/share/generated/" + Path.GetFileNameWithoutExtension(metadata.PackageFile)[..^(metadata.Version.Length + 1)] + ".txt";
                    Assert.Contains(file, listing, StringComparison.Ordinal);
                }

                built.Add(id);
            }
        }

        Assert.Equal(tree.Nodes.Count, Directory.GetFiles(Path.Combine(dir.Path, "packages", "All"), "*.pkg").Length);
    }

    [Fact]
    public void Generate_BuildableOrNot_SameGraphAndOnlyTheBuildableTreeHasArchives()
    {
        using var dir = new TempDirectory();
        var plain = PortsTreeGenerator.Generate(dir.Combine("plain"), new PortsTreeGeneratorOptions { PortCount = 60 });
        var buildable = PortsTreeGenerator.Generate(dir.Combine("buildable"), new PortsTreeGeneratorOptions { PortCount = 60, Buildable = true });
        var again = PortsTreeGenerator.Generate(dir.Combine("again"), new PortsTreeGeneratorOptions { PortCount = 60, Buildable = true });

        Assert.Equal(plain.Nodes, buildable.Nodes);
        Assert.Equal(plain.Edges, buildable.Edges);
        Assert.False(Directory.Exists(Path.Combine(plain.Directory, "distfiles")));
        var archives = Directory.GetFiles(Path.Combine(buildable.Directory, "distfiles"));
        Assert.Equal(plain.Origins.Count - plain.MetaOrigins.Count, archives.Length);
        foreach (var archive in archives)
        {
            // Reproducible: the same options give byte-identical archives.
            Assert.Equal(File.ReadAllBytes(archive), File.ReadAllBytes(Path.Combine(again.Directory, "distfiles", Path.GetFileName(archive))));
        }

        var origin = plain.Origins.First(o => o != "ports-mgmt/pkg" && !plain.MetaOrigins.Contains(o));
        Assert.DoesNotContain("PLIST_FILES", File.ReadAllText(Path.Combine(plain.Directory, origin, "Makefile")), StringComparison.Ordinal);
        Assert.Contains("PLIST_FILES=\tshare/generated/${PKGBASE}.txt", File.ReadAllText(Path.Combine(buildable.Directory, origin, "Makefile")), StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(archives[0]), string.Concat(buildable.Origins.Where(o => File.Exists(Path.Combine(buildable.Directory, o, "distinfo"))).Select(o => File.ReadAllText(Path.Combine(buildable.Directory, o, "distinfo")))), StringComparison.Ordinal);
    }

    private static (int Status, string Output) Make(string tree, string root, string makeSysPath, PortId id, string target)
    {
        var arguments = new List<string> { "-C", Path.Combine(tree, id.Origin) };
        if (id.Flavor is not null)
        {
            arguments.Add("FLAVOR=" + id.Flavor);
        }

        arguments.AddRange(["-DNO_DEPENDS", target]);
        return Run("bmake", arguments, new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin:/usr/sbin:/sbin",
            ["PORTSDIR"] = tree,
            ["MAKESYSPATH"] = makeSysPath,
            ["__MAKE_CONF"] = "/dev/null",
            ["OPSYS"] = "FreeBSD",
            ["OSVERSION"] = "1402000",
            ["ARCH"] = "amd64",
            ["BATCH"] = "yes",
            ["PACKAGE_BUILDING"] = "yes",
            ["PKG_COMPRESSION_LEVEL"] = "1",
            ["WRKDIRPREFIX"] = Path.Combine(root, "wrk"),
            ["DISTDIR"] = Path.Combine(root, "distfiles"),
            ["PACKAGES"] = Path.Combine(root, "packages"),
            ["LOCALBASE"] = Path.Combine(root, "root", "usr", "local"),
            ["PREFIX"] = "/usr/local",
        });
    }

    private static (int Status, string Output) Run(string program, IEnumerable<string> arguments, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            start.Environment.Clear();
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }

    private static bool OnPath(string program) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Pkg.Tests.Samples;

namespace GoSynth.Pkg.Tests.SampleTree;

/// <summary>
/// The sample tree builds real packages with real bmake and the host compiler: phase by phase as the builder runs
/// it, packages pkg(8) and GoSynth can read, dependencies taken from installed packages, and the failing and
/// ignored ports failing as they should.
/// </summary>
public sealed partial class SampleTreeBuildTests(SampleTreeBuildFixture fixture) : IClassFixture<SampleTreeBuildFixture>
{
    // pkg's key order for manifests (pkg_emit_object).
    private static readonly string[] s_keyOrder =
    [
        "name", "origin", "version", "comment", "maintainer", "www", "abi", "arch", "prefix", "sum", "flatsize",
        "dep_formula", "path", "repopath", "licenselogic", "licenses", "pkgsize", "vital", "desc", "deps", "categories",
        "users", "groups", "shlibs_required", "shlibs_required_ignore", "shlibs_provided", "shlibs_provided_ignore",
        "conflicts", "provides", "requires", "options", "annotations", "files", "config", "directories", "scripts",
        "lua_scripts", "messages",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string?, string> BuildableData()
    {
        var data = new TheoryData<string, string?, string>();
        foreach (var (origin, flavor, package) in SampleTreeBuildFixture.Buildable)
        {
            data.Add(origin, flavor, package);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BuildableData))]
    public void Build_BuildablePort_EveryPhaseSucceedsAndThePackageIsAtPkgFile(string origin, string? flavor, string package)
    {
        Require();
        var build = fixture[origin, flavor];

        Assert.True(build.FailedPhase is null, build.ToString());
        Assert.Equal(Path.Combine(fixture.Main.Packages, "All", package), build.PackageFile);
        Assert.True(File.Exists(build.PackageFile), "no package at " + build.PackageFile);
        foreach (var phase in SampleBuild.Phases)
        {
            Assert.True(File.Exists(Path.Combine(build.WorkDirectory, $".{phase}_done.{package[..^4]}")), $"no cookie for {phase}");
        }
    }

    [Fact]
    public void Packages_Directory_HoldsOnlyTheFinishedPackages()
    {
        Require();
        var names = Directory.EnumerateFileSystemEntries(Path.Combine(fixture.Main.Packages, "All")).Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal);

        Assert.Equal(SampleTreeBuildFixture.Buildable.Select(b => b.Package).Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [MemberData(nameof(BuildableData))]
    public async Task Package_ReadByPackageReaderAndTar_HasPkgMemberOrderAndSumsOfTheStagedFiles(string origin, string? flavor, string package)
    {
        Require();
        ToolRunner.RequireTools("tar", "zstd");
        var build = fixture[origin, flavor];
        Assert.True(build.FailedPhase is null, build.ToString());

        var contents = await PackageReader.ReadContentsAsync(build.PackageFile, Ct);

        Assert.Equal(PackageCompression.Zstd, contents.Compression);
        Assert.Equal(package, contents.Manifest.NameVersion + ".pkg");
        Assert.Equal(origin, contents.Manifest.Origin);
        Assert.Equal("/usr/local", contents.Manifest.Prefix);
        Assert.NotNull(contents.CompactManifest);
        Assert.Empty(contents.CompactManifest.Files);
        Assert.Equal(contents.Manifest.NameVersion, contents.CompactManifest.NameVersion);
        Assert.Equal(contents.Manifest.Files.Select(f => f.Path), contents.Entries.Select(e => e.Name));
        Assert.All(contents.Entries, e => Assert.Equal(("root", "wheel"), (e.UName, e.GName)));

        long flatSize = 0;
        foreach (var file in contents.Manifest.Files)
        {
            var staged = build.StageDirectory + file.Path;
            var info = new FileInfo(staged);
            Assert.True(info.Exists || info.LinkTarget is not null, staged);
            byte[] hashed = info.LinkTarget is { } target ? Encoding.UTF8.GetBytes(target) : await File.ReadAllBytesAsync(staged, Ct);
            flatSize += hashed.Length;
            Assert.Equal("1$" + Convert.ToHexStringLower(SHA256.HashData(hashed)), file.Sum);
        }

        Assert.Equal(flatSize, contents.Manifest.FlatSize);

        var listing = ToolRunner.Run("tar", "--zstd", "-tf", build.PackageFile).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["+COMPACT_MANIFEST", "+MANIFEST", .. contents.Manifest.Files.Select(f => f.Path)], listing);
    }

    [Theory]
    [MemberData(nameof(BuildableData))]
    public void Manifests_KeysInPkgOrder_CompactIsTheFullWithoutFiles(string origin, string? flavor, string package)
    {
        Require();
        ToolRunner.RequireTools("tar", "zstd");
        var build = fixture[origin, flavor];
        Assert.True(build.FailedPhase is null, build.ToString());

        var full = ToolRunner.Run("tar", "--zstd", "-xOf", build.PackageFile, "+MANIFEST");
        var compact = ToolRunner.Run("tar", "--zstd", "-xOf", build.PackageFile, "+COMPACT_MANIFEST");

        var fullKeys = TopLevelKeys(full);
        var positions = fullKeys.Select(k => Array.IndexOf(s_keyOrder, k)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        string[] required = ["name", "origin", "version", "comment", "maintainer", "abi", "arch", "prefix", "flatsize", "licenselogic", "desc", "categories", "annotations"];
        Assert.All(required, k => Assert.Contains(k, fullKeys));
        Assert.StartsWith("{\"name\":\"", full, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', full);
        Assert.Equal(fullKeys.Where(k => k is not ("files" or "directories")), TopLevelKeys(compact));
        Assert.StartsWith(compact[..^1], full, StringComparison.Ordinal);
        Assert.Contains(package.StartsWith("greet-doc", StringComparison.Ordinal) || package.StartsWith("meta-", StringComparison.Ordinal)
            ? "\"abi\":\"FreeBSD:14:*\",\"arch\":\"freebsd:14:*\""
            : "\"abi\":\"FreeBSD:14:amd64\",\"arch\":\"freebsd:14:x86:64\"", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hello_Package_RecordsItsLibraryDependencyOptionsAndDocs()
    {
        Require();
        var manifest = await PackageReader.ReadManifestAsync(fixture["misc/hello"].PackageFile, Ct);

        Assert.Equal([new PackageDependency("libgreet", "devel/libgreet", "1.4.2_1")], manifest.Dependencies);
        Assert.Equal(["COLOR=on", "DOCS=on", "WORDS=off"], manifest.Options.Select(o => o.Key + "=" + o.Value));
        Assert.Equal(["/usr/local/bin/hello", "/usr/local/share/doc/hello/README"], manifest.Files.Select(f => f.Path));
        Assert.Equal(["misc"], manifest.Categories);
        Assert.Equal("1402000", manifest.GetAnnotation("FreeBSD_version"));
        Assert.Equal("Print a greeting through libgreet", manifest.Comment);
        Assert.StartsWith("hello prints a greeting", manifest.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Libgreet_Package_KeepsTheSymlinkWithTheSumOfItsTarget()
    {
        Require();
        var contents = await PackageReader.ReadContentsAsync(fixture["devel/libgreet"].PackageFile, Ct);

        var link = Assert.Single(contents.Entries, e => e.Kind == PackageEntryKind.Symlink);
        Assert.Equal(("/usr/local/lib/libgreet.so", "libgreet.so.1"), (link.Name, link.LinkTarget));
        var sum = contents.Manifest.Files.Single(f => f.Path == link.Name).Sum;
        Assert.Equal("1$" + Convert.ToHexStringLower(SHA256.HashData("libgreet.so.1"u8)), sum);
        Assert.Equal(["/usr/local/include/greet.h", "/usr/local/lib/libgreet.so", "/usr/local/lib/libgreet.so.1", "/usr/local/libdata/pkgconfig/greet.pc"],
            contents.Manifest.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task Hello_InstalledLibraryFromItsPackage_IsWhatTheConsumerLinked()
    {
        Require();
        var build = fixture["misc/hello"];
        var library = Path.Combine(fixture.Main.LocalBase, "lib", "libgreet.so.1");

        Assert.True(File.Exists(library), "PackageInstaller did not install " + library);
        Assert.Contains("-I" + Path.Combine(fixture.Main.LocalBase, "include"), build.Log, StringComparison.Ordinal);
        Assert.Contains("-L" + Path.Combine(fixture.Main.LocalBase, "lib"), build.Log, StringComparison.Ordinal);
        var hello = Path.Combine(build.StageDirectory, "usr/local/bin/hello");
        var output = ToolRunner.Run(hello, "gosynth");
        Assert.Contains("gosynth", output, StringComparison.Ordinal);
        var manifest = await PackageReader.ReadManifestAsync(fixture["devel/libgreet"].PackageFile, Ct);
        Assert.Equal(manifest.Files.Single(f => f.Path == "/usr/local/lib/libgreet.so.1").Sum,
            "1$" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(library, Ct))));
    }

    [Fact]
    public void Hello_WithoutItsLibraryInstalled_FailsInBuildForWantOfTheHeader()
    {
        Require();
        var build = fixture.HelloWithoutLibrary;

        Assert.Equal("build", build.FailedPhase);
        Assert.Contains("greet.h", build.Failure!.Stdout + build.Failure.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(build.PackageFile));
    }

    [Fact]
    public void FailingPort_FailsInItsBuildPhaseWithTheCompilerError()
    {
        Require();
        var build = fixture["broken/badcode"];

        Assert.Equal("build", build.FailedPhase);
        var output = build.Failure!.Stdout + build.Failure.Stderr;
        Assert.Contains("bad.c", output, StringComparison.Ordinal);
        Assert.Contains("error:", output, StringComparison.Ordinal);
        Assert.Contains("cc -O2 -pipe -fPIC -shared", output, StringComparison.Ordinal);
        Assert.False(File.Exists(build.PackageFile));
    }

    [Fact]
    public void DependentOfTheFailingPort_FailsToBuildWithoutItsLibrary()
    {
        Require();
        var build = fixture["misc/badclient"];

        Assert.Equal("build", build.FailedPhase);
        Assert.False(File.Exists(build.PackageFile));
    }

    [Theory]
    [InlineData("sysutils/legacyd", "legacyd-0.3 needs the kvm swap interface removed from the kernel; use sysutils/svcmon.")]
    [InlineData("misc/askname", "askname-1.0 asks questions while it builds (IS_INTERACTIVE), which a batch build cannot answer.")]
    [InlineData("misc/keyvault", "keyvault-2.0 must not be made into a package: the licence forbids redistributing binaries.")]
    public void IgnoredPort_RefusesItsFirstPhaseWithTheIgnoreText(string origin, string message)
    {
        Require();
        var build = fixture[origin];

        Assert.Equal("fetch", build.FailedPhase);
        Assert.Contains(build.Ignore, message, StringComparison.Ordinal);
        Assert.Contains("===>  " + message, build.Failure!.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(build.WorkDirectory), "an ignored port made " + build.WorkDirectory);
    }

    [Fact]
    public async Task Flavors_ProduceDifferentlyNamedPackagesWithTheirOwnFiles()
    {
        Require();
        var tty = await PackageReader.ReadManifestAsync(fixture["editors/tedit", "tty"].PackageFile, Ct);
        var gui = await PackageReader.ReadManifestAsync(fixture["editors/tedit", "gui"].PackageFile, Ct);
        var de = await PackageReader.ReadManifestAsync(fixture["textproc/spell", "de"].PackageFile, Ct);
        var en = await PackageReader.ReadManifestAsync(fixture["textproc/spell", "en"].PackageFile, Ct);

        Assert.Equal(("tedit", "tedit-gui", "spell", "spell-en"), (tty.Name, gui.Name, de.Name, en.Name));
        Assert.Equal("1.0_2,1", gui.Version);
        Assert.Equal(["/usr/local/bin/tedit"], tty.Files.Select(f => f.Path));
        Assert.Equal(["/usr/local/bin/tedit-gui"], gui.Files.Select(f => f.Path));
        Assert.Equal(["/usr/local/bin/spell-en"], en.Files.Select(f => f.Path));
        Assert.Empty(tty.Dependencies);
        Assert.Equal([new PackageDependency("libgreet", "devel/libgreet", "1.4.2_1")], gui.Dependencies);
        Assert.Equal(("tty", "gui", "en"), (tty.GetAnnotation("flavor"), gui.GetAnnotation("flavor"), en.GetAnnotation("flavor")));
        Assert.Contains("-lgreet", fixture["editors/tedit", "gui"].Log, StringComparison.Ordinal);
        Assert.DoesNotContain("-lgreet", fixture["editors/tedit", "tty"].Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetaPort_PackagesNoFilesAndItsRunDependencies()
    {
        Require();
        var contents = await PackageReader.ReadContentsAsync(fixture["misc/meta-samples"].PackageFile, Ct);

        Assert.Empty(contents.Entries);
        Assert.Empty(contents.Manifest.Files);
        Assert.Equal(0, contents.Manifest.FlatSize);
        Assert.Equal(
            [
                new PackageDependency("greet-doc", "textproc/greet-doc", "1.4.2"),
                new PackageDependency("hello", "misc/hello", "2.12"),
                new PackageDependency("tedit-gui", "editors/tedit", "1.0_2,1"),
                new PackageDependency("wordcount", "textproc/wordcount", "0.9"),
            ],
            contents.Manifest.Dependencies);
    }

    [Fact]
    public void Build_WritesNothingIntoThePortsTree()
    {
        Require();

        Assert.Equal(fixture.TreeBefore.OrderBy(p => p.Key, StringComparer.Ordinal), fixture.TreeAfter.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static List<string> TopLevelKeys(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    private static void Require()
    {
        Bmake.Require();
        ToolRunner.RequireTools("cc", "zstd", "tar");
    }
}

using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Tests.Packages;

namespace GoSynth.Pkg.Tests.SampleTree;

/// <summary>The phases one by one: cookies, test, fetch, checksum, check-plist, and packing with bsdtar.</summary>
public sealed partial class SampleTreeBuildTests
{
    [Fact]
    public async Task Phase_AlreadyDone_IsNotRepeated()
    {
        Require();

        var build = await fixture.Main.RunPhaseAsync("misc/hello", null, "build", Ct);
        var package = await fixture.Main.RunPhaseAsync("misc/hello", null, "package", Ct);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.True(package.ExitCode == 0, package.ToString());
        Assert.Equal("", build.Stdout + build.Stderr);
        Assert.Equal("", package.Stdout + package.Stderr);
    }

    [Fact]
    public async Task Phases_RunOneByOne_EachStartsWhereTheLastStopped()
    {
        Require();
        var build = new SampleBuild(fixture.Tree, fixture.Temp.Combine("one-by-one"));

        var configure = await build.RunPhaseAsync("devel/patchkit", null, "configure", Ct);
        var compile = await build.RunPhaseAsync("devel/patchkit", null, "build", Ct);

        Assert.True(configure.ExitCode == 0, configure.ToString());
        Assert.True(compile.ExitCode == 0, compile.ToString());
        Assert.Contains("===>  Extracting for patchkit-3.1", configure.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Extracting", compile.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Configuring", compile.Stdout, StringComparison.Ordinal);
        Assert.Contains("===>  Building for patchkit-3.1", compile.Stdout, StringComparison.Ordinal);
        Assert.Contains("-o patchkit patchkit.c", compile.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_PortWithTests_RunsThemAndPortWithoutSaysSo()
    {
        Require();

        var wordcount = await fixture.Main.RunPhaseAsync("textproc/wordcount", null, "test", Ct);
        var fetchit = await fixture.Main.RunPhaseAsync("net/fetchit", null, "test", Ct);

        Assert.True(wordcount.ExitCode == 0, wordcount.ToString());
        Assert.Contains("./wordcount < ../wordcount-data-0.9/words.txt", wordcount.Stdout, StringComparison.Ordinal);
        Assert.True(fetchit.ExitCode == 0, fetchit.ToString());
        Assert.Contains("fetchit-1.2.3 has no tests", fetchit.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checksum_DistfileNotMatchingDistinfo_FailsNamingTheFile()
    {
        Require();
        var build = new SampleBuild(fixture.Tree, fixture.Temp.Combine("corrupt"));
        var original = await File.ReadAllBytesAsync(Path.Combine(fixture.Tree, "distfiles", "hello-2.12.tar.gz"), Ct);
        original[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(Path.Combine(build.Distfiles, "hello-2.12.tar.gz"), original, Ct);

        var fetch = await build.RunPhaseAsync("misc/hello", null, "fetch", Ct);
        var checksum = await build.RunPhaseAsync("misc/hello", null, "checksum", Ct);

        Assert.True(fetch.ExitCode == 0, fetch.ToString());
        Assert.NotEqual(0, checksum.ExitCode);
        Assert.Contains("SHA256 mismatch for hello-2.12.tar.gz", checksum.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_MissingDistfile_IsCopiedFromTheTreesSite()
    {
        Require();
        var build = new SampleBuild(fixture.Tree, fixture.Temp.Combine("fetch"));

        var fetch = await build.RunPhaseAsync("devel/libgreet", null, "fetch", Ct);

        Assert.True(fetch.ExitCode == 0, fetch.ToString());
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(fixture.Tree, "distfiles", "greet", "libgreet-1.4.2.tar.gz"), Ct),
            await File.ReadAllBytesAsync(Path.Combine(build.Distfiles, "greet", "libgreet-1.4.2.tar.gz"), Ct));
        Assert.Equal(["libgreet-1.4.2.tar.gz"], Directory.EnumerateFiles(Path.Combine(build.Distfiles, "greet")).Select(p => Path.GetFileName(p)));
    }

    [Fact]
    public async Task CheckPlist_StageDifferingFromTheList_FailsNamingThePath_AndPackageRefuses()
    {
        Require();
        // A copy of the tree whose hello lists a file its install does not make.
        var tree = fixture.Temp.Combine("tree-copy");
        CopyDirectory(fixture.Tree, tree);
        await File.AppendAllTextAsync(Path.Combine(tree, "misc/hello/pkg-plist"), "bin/hello-extra\n", Ct);
        var build = new SampleBuild(tree, fixture.Temp.Combine("plist"));
        foreach (var package in new[] { "libgreet-1.4.2_1.pkg", "pkgconf-2.3.0.pkg" })
        {
            await PackageInstaller.InstallAsync(Path.Combine(fixture.Main.Packages, "All", package), build.InstallRoot, cancellationToken: Ct);
        }

        var result = await build.BuildAsync("misc/hello", null, Ct);
        var packaging = await build.RunPhaseAsync("misc/hello", null, "package", Ct);

        Assert.Equal("check-plist", result.FailedPhase);
        Assert.Contains("listed in the packing list but not staged: /usr/local/bin/hello-extra", result.Failure!.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, packaging.ExitCode);
        Assert.Contains("/usr/local/bin/hello-extra", packaging.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(build.Packages, "All")));
    }

    [Fact]
    public async Task Package_WrittenWithBsdtar_IsTheSameShape()
    {
        Require();
        ToolRunner.RequireTools("bsdtar");
        var bin = fixture.Temp.Combine("bsdtar-bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "tar"), Which("bsdtar"));
        var build = new SampleBuild(fixture.Tree, fixture.Temp.Combine("bsdtar")) { PathPrefix = bin };

        var result = await build.BuildAsync("devel/libgreet", null, Ct);

        Assert.True(result.FailedPhase is null, result.ToString());
        Assert.Contains("tar --format=ustar --uid 0", result.Log, StringComparison.Ordinal);
        var gnu = await PackageReader.ReadContentsAsync(fixture["devel/libgreet"].PackageFile, Ct);
        var bsd = await PackageReader.ReadContentsAsync(result.PackageFile, Ct);
        Assert.Equal(gnu.Entries.Select(e => (e.Name, e.Kind, e.Permissions, e.LinkTarget, e.UName, e.GName)),
            bsd.Entries.Select(e => (e.Name, e.Kind, e.Permissions, e.LinkTarget, e.UName, e.GName)));
        Assert.Equal(gnu.Manifest.Files.Select(f => f.Path), bsd.Manifest.Files.Select(f => f.Path));
        Assert.Equal(["+COMPACT_MANIFEST", "+MANIFEST", .. bsd.Manifest.Files.Select(f => f.Path)],
            ToolRunner.Run("tar", "--zstd", "-tf", result.PackageFile).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string Which(string tool) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, tool)).First(File.Exists);

    private static void CopyDirectory(string source, string destination)
    {
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(destination, Path.GetRelativePath(source, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(destination, Path.GetRelativePath(source, file)));
        }
    }
}

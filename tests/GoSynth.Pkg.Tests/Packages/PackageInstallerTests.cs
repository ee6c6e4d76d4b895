using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

public sealed class PackageInstallerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InstallAsync_RealXzPackage_MatchesTarExtractionAndChecksums()
    {
        ToolRunner.RequireTools("tar", "xz");
        using var dir = new TempDirectory();
        var root = Directory.CreateDirectory(dir.Combine("root")).FullName;
        var oracle = Directory.CreateDirectory(dir.Combine("oracle")).FullName;

        var record = await PackageInstaller.InstallAsync(SampleData.Indexinfo, root, cancellationToken: Ct);
        ToolRunner.Run("tar", "-xf", SampleData.Indexinfo, "-C", oracle, "--exclude=+*");

        Assert.Equal(TreeSnapshot.Take(oracle).Where(p => p.Value.StartsWith("file", StringComparison.Ordinal)),
            TreeSnapshot.Take(root).Where(p => p.Value.StartsWith("file", StringComparison.Ordinal)));
        var manifest = await PackageReader.ReadManifestAsync(SampleData.Indexinfo, Ct);
        foreach (var file in manifest.Files)
        {
            Assert.Equal(file.Sum, "1$" + SampleData.Sha256(root + file.Path));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, new FileInfo(root + "/usr/local/bin/indexinfo").UnixFileMode);
        Assert.Equal(manifest.Files.Select(f => f.Path), record.Files);
        Assert.Contains("/usr/local/share/licenses/indexinfo-0.3.1", record.Directories);
        Assert.Empty(Directory.GetDirectories(root + "/usr/local", ".gosynth-install-*"));
    }

    [Fact]
    public async Task InstallAsync_SymlinkOnlyPackage_CreatesRelativeLinks()
    {
        using var dir = new TempDirectory();
        var record = await PackageInstaller.InstallAsync(SampleData.Gcc, dir.Path, cancellationToken: Ct);

        Assert.Equal("g++10", new FileInfo(dir.Path + "/usr/local/bin/g++").LinkTarget);
        Assert.Equal("gfortran10", new FileInfo(dir.Path + "/usr/local/bin/gfortran").LinkTarget);
        Assert.Equal(3, record.Files.Count);
    }

    [Fact]
    public async Task InstallAsync_ZstdPackage_InstallsOutsidePrefixWithModes()
    {
        using var dir = new TempDirectory();
        await PackageInstaller.InstallAsync(SampleData.Csrutil, dir.Path, cancellationToken: Ct);

        Assert.True(File.Exists(dir.Path + "/System/Library/Sandbox/rootless.conf"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, new FileInfo(dir.Path + "/usr/local/bin/csrutil").UnixFileMode);
        Assert.Equal(1786653725, new DateTimeOffset(File.GetLastWriteTimeUtc(dir.Path + "/usr/local/bin/csrutil")).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Uninstall_AfterInstall_RestoresTheRootExactly()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Path + "/usr/local/bin");
        File.WriteAllText(dir.Path + "/usr/local/bin/keep", "mine");
        var before = TreeSnapshot.Take(dir.Path);

        var record = await PackageInstaller.InstallAsync(SampleData.Indexinfo, dir.Path, cancellationToken: Ct);
        var gcc = await PackageInstaller.InstallAsync(SampleData.Gcc, dir.Path, cancellationToken: Ct);
        var reloaded = InstallRecord.FromJson(record.ToJson());
        PackageInstaller.Uninstall(gcc);
        var removed = PackageInstaller.Uninstall(reloaded);

        Assert.Equal(before, TreeSnapshot.Take(dir.Path));
        Assert.Equal(record.Files.Count + record.Directories.Count, removed);
    }

    [Fact]
    public async Task InstallAsync_ExistingFile_ConflictsUnlessReplaceAllowed()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Path + "/usr/local/bin");
        File.WriteAllText(dir.Path + "/usr/local/bin/gcc", "old");
        var before = TreeSnapshot.Take(dir.Path);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(SampleData.Gcc, dir.Path, cancellationToken: Ct));
        Assert.Equal((PackageErrorKind.Conflict, "/usr/local/bin/gcc"), (ex.Kind, ex.EntryName));
        Assert.Equal(before, TreeSnapshot.Take(dir.Path));

        var record = await PackageInstaller.InstallAsync(SampleData.Gcc, dir.Path, new PackageInstallOptions { ReplaceExisting = true }, Ct);
        Assert.Equal("gcc10", new FileInfo(dir.Path + "/usr/local/bin/gcc").LinkTarget);
        Assert.Equal(["/usr/local/bin/gcc"], record.Replaced);
    }

    [Fact]
    public async Task Uninstall_DirectorySwappedForSymlinkOut_DoesNotFollowIt()
    {
        using var dir = new TempDirectory();
        var root = Directory.CreateDirectory(dir.Combine("root")).FullName;
        var outside = Directory.CreateDirectory(dir.Combine("outside")).FullName;
        File.WriteAllText(Path.Combine(outside, "indexinfo"), "not yours");
        var record = await PackageInstaller.InstallAsync(SampleData.Indexinfo, root, cancellationToken: Ct);
        Directory.Delete(root + "/usr/local/bin", recursive: true);
        File.CreateSymbolicLink(root + "/usr/local/bin", outside);

        PackageInstaller.Uninstall(record);

        Assert.Equal("not yours", File.ReadAllText(Path.Combine(outside, "indexinfo")));
    }

    [Fact]
    public async Task InstallAsync_HardLink_IsInstalledAsALinkToTheSameFile()
    {
        ToolRunner.RequireTools("stat");
        using var dir = new TempDirectory();
        var root = Directory.CreateDirectory(dir.Combine("root")).FullName;
        var pkg = dir.Combine("links.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/bin/a", RawPackage.Sum("same")), ("/usr/local/bin/b", RawPackage.Sum("same"))) }
            .File("/usr/local/bin/a", "same").HardLink("/usr/local/bin/b", "/usr/local/bin/a").Write(pkg);

        var record = await PackageInstaller.InstallAsync(pkg, root, cancellationToken: Ct);

        Assert.Equal(["/usr/local/bin/a", "/usr/local/bin/b"], record.Files);
        Assert.Equal("same", File.ReadAllText(root + "/usr/local/bin/b"));
        var a = ToolRunner.Run("stat", "-c", "%i %h", root + "/usr/local/bin/a");
        Assert.Equal(a, ToolRunner.Run("stat", "-c", "%i %h", root + "/usr/local/bin/b"));
        Assert.EndsWith(" 2\n", a, StringComparison.Ordinal);
    }
}

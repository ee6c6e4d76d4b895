using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>Nothing is ever created outside the root, whatever symlinks the root already holds, even midway through an
/// install; symlinks that stay inside the root are followed.</summary>
public sealed class PackageInstallerRootSafetyTests : IDisposable
{
    private const int BigLength = 4 << 20;
    private readonly TempDirectory _dir = new();
    private readonly string _root;
    private readonly string _outside;

    public PackageInstallerRootSafetyTests()
    {
        _root = Directory.CreateDirectory(_dir.Combine("root")).FullName;
        _outside = Directory.CreateDirectory(_dir.Combine("elsewhere")).FullName;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("usr", "local/bin")]
    [InlineData("usr/local", "bin")]
    public async Task InstallAsync_RootHoldsSymlinkOut_NothingEverCreatedOutsideEvenMidway(string linkAt, string outsideTree)
    {
        Directory.CreateDirectory(Path.Combine(_outside, outsideTree));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_root, linkAt))!);
        File.CreateSymbolicLink(Path.Combine(_root, linkAt), _outside);
        var outsideBefore = TreeSnapshot.Take(_outside);
        var rootBefore = TreeSnapshot.Take(_root);
        var bytes = BigPackage();
        var feeder = FifoFeeder.Create(_dir.Combine("pkg.fifo"));

        var feeding = feeder.FeedAsync(bytes, bytes.Length / 2, Ct);
        var install = Task.Run(() => PackageInstaller.InstallAsync(feeder.Path, _root, cancellationToken: Ct), Ct);
        var staging = await WaitForStagingAsync(install);
        var outsideMidway = TreeSnapshot.Take(_outside);
        feeder.Close();
        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => install);
        await feeding;

        Assert.True(staging is not null, "the install never staged anything: " + ex.Message);
        Assert.StartsWith(_root + "/", staging, StringComparison.Ordinal);
        Assert.Equal(outsideBefore, outsideMidway);
        Assert.Equal(outsideBefore, TreeSnapshot.Take(_outside));
        Assert.Equal(rootBefore, TreeSnapshot.Take(_root));
    }

    [Fact]
    public async Task InstallAsync_RootHoldsSymlinkOut_CompletePackageFailsWithPathTraversal()
    {
        Directory.CreateDirectory(Path.Combine(_outside, "local/bin"));
        File.CreateSymbolicLink(_root + "/usr", _outside);
        var outsideBefore = TreeSnapshot.Take(_outside);
        var bad = _dir.Combine("small.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/bin/a", RawPackage.Sum("a"))) }.File("/usr/local/bin/a", "a").Write(bad);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(bad, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.PathTraversal, "/usr/local/bin/a"), (ex.Kind, ex.EntryName));
        Assert.Equal(outsideBefore, TreeSnapshot.Take(_outside));
    }

    [Fact]
    public async Task InstallAsync_SymlinksThatStayInsideRoot_AreFollowed()
    {
        Directory.CreateDirectory(_root + "/opt/local/bin");
        Directory.CreateDirectory(_root + "/usr");
        File.CreateSymbolicLink(_root + "/usr/local", "../opt/local");
        File.CreateSymbolicLink(_root + "/opt/local/share", _root + "/opt/share");
        var pkg = _dir.Combine("ok.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/bin/a", RawPackage.Sum("a")), ("/usr/local/share/b", RawPackage.Sum("b"))) }
            .File("/usr/local/bin/a", "a").File("/usr/local/share/b", "b").Write(pkg);

        var record = await PackageInstaller.InstallAsync(pkg, _root, cancellationToken: Ct);

        Assert.Equal("a", File.ReadAllText(_root + "/opt/local/bin/a"));
        Assert.Equal("b", File.ReadAllText(_root + "/opt/share/b"));
        Assert.Equal(["/opt/local/bin/a", "/opt/share/b"], record.Files);
        Assert.Equal(["/opt/share"], record.Directories);
        Assert.Empty(Directory.GetFileSystemEntries(_outside));
    }

    [Fact]
    public async Task InstallAsync_SymlinkClimbingAboveRoot_ThrowsPathTraversal()
    {
        Directory.CreateDirectory(_root + "/usr");
        File.CreateSymbolicLink(_root + "/usr/local", "../../elsewhere");
        var pkg = _dir.Combine("climb.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/a", RawPackage.Sum("a"))) }.File("/usr/local/a", "a").Write(pkg);

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageInstaller.InstallAsync(pkg, _root, cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.PathTraversal, "/usr/local/a"), (ex.Kind, ex.EntryName));
        Assert.Empty(Directory.GetFileSystemEntries(_outside));
    }

    private async Task<string?> WaitForStagingAsync(Task install)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        for (var i = 0; i < 3000 && !install.IsCompleted; i++)
        {
            var found = Directory.EnumerateDirectories(_root, ".gosynth-install-*", options)
                .Concat(Directory.EnumerateDirectories(_outside, ".gosynth-install-*", options))
                .FirstOrDefault(d => Directory.EnumerateFileSystemEntries(d).Any());
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(10, Ct);
        }

        return null;
    }

    /// <summary>An uncompressed package: a small file, then a 4 MiB one, all sums right.</summary>
    private byte[] BigPackage()
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        using var content = new PatternStream(BigLength, random: true);
        var bigSum = "1$" + Convert.ToHexStringLower(sha.ComputeHash(content));
        var path = _dir.Combine("big.pkg");
        new RawPackage
        {
            Manifest = RawPackage.ManifestWith(BigLength + 1, "", ("/usr/local/bin/a", RawPackage.Sum("a")), ("/usr/local/bin/big", bigSum)),
        }.File("/usr/local/bin/a", "a").LargeFile("/usr/local/bin/big", () => new PatternStream(BigLength, random: true)).Write(path, "none");
        return File.ReadAllBytes(path);
    }
}

using GoSynth.Pkg.Packages;
using GoSynth.Testing;
using Microsoft.Extensions.Logging;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>An install killed midway leaves its staging directory in the root; the next install into that root removes
/// it, but never the staging directory of an install that is still running (its lock is held).</summary>
public sealed class PackageInstallerStaleStagingTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _root;

    public PackageInstallerStaleStagingTests()
    {
        _root = Directory.CreateDirectory(_dir.Combine("root")).FullName;
        Directory.CreateDirectory(_root + "/usr/local/bin");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task InstallAsync_StagingLeftByKilledInstalls_IsRemoved()
    {
        // A killed install: its lock file is there but nobody holds it (the kernel dropped it with the process).
        var killed = Stale("/usr/local/.gosynth-install-0123456789ab");
        File.WriteAllText(killed + ".lock", "");

        // A killed install of an older layout (no lock file), staged at the top of the root.
        var older = Stale("/.gosynth-install-fedcba987654");

        // Only our exact names: this one is left alone.
        var notOurs = Stale("/usr/local/.gosynth-install-mine");
        var logger = new RecordingLogger<PackageInstallerStaleStagingTests>();

        var record = await PackageInstaller.InstallAsync(SmallPackage("b"), _root, new PackageInstallOptions { Logger = logger }, Ct);

        Assert.Equal(["/usr/local/bin/b"], record.Files);
        Assert.False(Directory.Exists(killed));
        Assert.False(File.Exists(killed + ".lock"));
        Assert.False(Directory.Exists(older));
        Assert.True(File.Exists(notOurs + "/0"));
        Assert.Equal(2, logger.Count(PkgEventIds.InstallStagingRemoved));
        Assert.Equal([".gosynth-install-mine", "bin"], Directory.GetFileSystemEntries(_root + "/usr/local").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InstallAsync_ManyDirectories_SweepsOnlyWhereThisPackageStages()
    {
        // The package stages in /usr/local/share/doc/p (the deepest directory above all its files), so an earlier
        // install of it staged there or above; its own subdirectories are not scanned on every install.
        Directory.CreateDirectory(_root + "/usr/local/share/doc/p/d0");
        Directory.CreateDirectory(_root + "/usr/local/share/doc/p/d1");
        var onThePath = Stale("/usr/local/share/doc/p/.gosynth-install-00000000000a");
        var above = Stale("/usr/local/.gosynth-install-00000000000b");
        var elsewhere = Stale("/usr/local/share/doc/p/d0/.gosynth-install-00000000000c");
        var path = _dir.Combine("p.pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/share/doc/p/d0/x", RawPackage.Sum("x")), ("/usr/local/share/doc/p/d1/y", RawPackage.Sum("y"))) }
            .File("/usr/local/share/doc/p/d0/x", "x").File("/usr/local/share/doc/p/d1/y", "y").Write(path);
        var logger = new RecordingLogger<PackageInstallerStaleStagingTests>();

        var record = await PackageInstaller.InstallAsync(path, _root, new PackageInstallOptions { Logger = logger }, Ct);

        Assert.Equal(["/usr/local/share/doc/p/d0/x", "/usr/local/share/doc/p/d1/y"], record.Files.Order(StringComparer.Ordinal));
        Assert.False(Directory.Exists(onThePath));
        Assert.False(Directory.Exists(above));
        Assert.True(File.Exists(elsewhere + "/0"), "a directory this package never stages in was scanned");
        Assert.Equal(2, logger.Count(PkgEventIds.InstallStagingRemoved));
    }

    [Fact]
    public async Task InstallAsync_WhileAnotherInstallIsStaging_LeavesItsStagingAlone()
    {
        const int Big = 4 << 20;
        using var sha = System.Security.Cryptography.SHA256.Create();
        using var content = new PatternStream(Big, random: true);
        var bigSum = "1$" + Convert.ToHexStringLower(sha.ComputeHash(content));
        var bigPath = _dir.Combine("big.pkg");
        new RawPackage { Manifest = RawPackage.ManifestWith(Big + 1, "", ("/usr/local/bin/a", RawPackage.Sum("a")), ("/usr/local/bin/big", bigSum)) }
            .File("/usr/local/bin/a", "a").LargeFile("/usr/local/bin/big", () => new PatternStream(Big, random: true)).Write(bigPath, "none");
        var bytes = File.ReadAllBytes(bigPath);
        var feeder = FifoFeeder.Create(_dir.Combine("pkg.fifo"));
        var feeding = feeder.FeedAsync(bytes, bytes.Length / 2, Ct);
        var live = Task.Run(() => PackageInstaller.InstallAsync(feeder.Path, _root, cancellationToken: Ct), Ct);
        var staging = await WaitForStagingAsync(live);
        Assert.NotNull(staging);
        var stagedBefore = Directory.GetFiles(staging);

        var record = await PackageInstaller.InstallAsync(SmallPackage("c"), _root, cancellationToken: Ct);

        Assert.Equal(["/usr/local/bin/c"], record.Files);
        Assert.True(Directory.Exists(staging), "the live install's staging directory was removed");
        Assert.True(File.Exists(staging + ".lock"));
        Assert.Equal(stagedBefore, Directory.GetFiles(staging));
        feeder.Close();
        await Assert.ThrowsAsync<PackageFormatException>(() => live);
        await feeding;
        Assert.False(Directory.Exists(staging));
        Assert.False(File.Exists(staging + ".lock"));
    }

    private string Stale(string path)
    {
        var full = _root + path;
        Directory.CreateDirectory(full);
        File.WriteAllText(full + "/0", "half of a file");
        File.WriteAllText(full + "/1", "another");
        return full;
    }

    private string SmallPackage(string name)
    {
        var path = _dir.Combine(name + ".pkg");
        new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/bin/" + name, RawPackage.Sum(name))) }.File("/usr/local/bin/" + name, name).Write(path);
        return path;
    }

    private async Task<string?> WaitForStagingAsync(Task install)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 };
        for (var i = 0; i < 3000 && !install.IsCompleted; i++)
        {
            var found = Directory.EnumerateDirectories(_root, ".gosynth-install-*", options)
                .FirstOrDefault(d => Directory.EnumerateFileSystemEntries(d).Any());
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(10, Ct);
        }

        return null;
    }

}

using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>A directory's mode comes from the manifest when it states one (pkg 2.4+ objects), else from the archive's
/// directory entry (older manifests say only "y"), else 0755.</summary>
public sealed class PackageInstallerDirectoryModeTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _root;

    public PackageInstallerDirectoryModeTests()
    {
        _root = Directory.CreateDirectory(_dir.Combine("root")).FullName;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("/var/db/sudo/lectured", 0x1C0)] // sudo: 0700
    [InlineData("/usr/local/etc/ipsec.d/private", 0x1E8)] // strongswan: 0750
    public async Task LegacyYDirectory_KeepsTheArchiveMode(string path, int mode)
    {
        var pkg = _dir.Combine("y.pkg");
        new RawPackage { Manifest = RawPackage.ManifestWith(0, ",\"directories\":{\"" + path + "/\":\"y\"}") }.Directory(path, mode).Write(pkg);

        var record = await PackageInstaller.InstallAsync(pkg, _root, cancellationToken: Ct);

        Assert.Equal(Convert.ToString(mode, 8), Convert.ToString((int)new DirectoryInfo(_root + path).UnixFileMode, 8));
        Assert.Contains(path, record.Directories);
    }

    [Fact]
    public async Task ObjectFormDirectory_ManifestModeWinsOverArchive()
    {
        var pkg = _dir.Combine("object.pkg");
        new RawPackage
        {
            Manifest = RawPackage.ManifestWith(0, ",\"directories\":{\"/var/x/\":{\"uname\":\"root\",\"gname\":\"wheel\",\"perm\":\"0750\"}}"),
        }.Directory("/var/x", 0x1C0).Write(pkg);

        await PackageInstaller.InstallAsync(pkg, _root, cancellationToken: Ct);

        Assert.Equal("750", Convert.ToString((int)new DirectoryInfo(_root + "/var/x").UnixFileMode, 8));
    }

    [Fact]
    public async Task LegacyYDirectoryWithoutArchiveEntry_Gets0755()
    {
        var pkg = _dir.Combine("bare.pkg");
        new RawPackage { Manifest = RawPackage.ManifestWith(0, ",\"directories\":{\"/var/empty-ish/\":\"y\"}") }.Write(pkg);

        await PackageInstaller.InstallAsync(pkg, _root, cancellationToken: Ct);

        Assert.Equal("755", Convert.ToString((int)new DirectoryInfo(_root + "/var/empty-ish").UnixFileMode, 8));
    }
}

using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>A directory of the root that is its own filesystem (a slot's tmpfs): staged files cross into it by copy.</summary>
public sealed class PackageInstallerMountTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InstallAsync_TargetOnAnotherFilesystem_CopiesAcrossWithModesAndTimes()
    {
        if (System.Environment.UserName != "root")
        {
            Assert.Skip("mounting a tmpfs needs root");
        }

        ToolRunner.RequireTools("mount", "umount");
        using var dir = new TempDirectory();
        var root = Directory.CreateDirectory(dir.Combine("root")).FullName;
        var mounted = Directory.CreateDirectory(root + "/usr/local/share").FullName;
        ToolRunner.Run("mount", "-t", "tmpfs", "-o", "size=8m", "gosynth-test", mounted);
        try
        {
            var pkg = dir.Combine("two.pkg");
            new RawPackage { Manifest = RawPackage.ManifestFor(("/usr/local/bin/a", RawPackage.Sum("a")), ("/usr/local/share/doc/b", RawPackage.Sum("b"))) }
                .File("/usr/local/bin/a", "a", 0x1ED).File("/usr/local/share/doc/b", "b", 0x124).Write(pkg);

            var record = await PackageInstaller.InstallAsync(pkg, root, cancellationToken: Ct);

            Assert.Equal("b", File.ReadAllText(mounted + "/doc/b"));
            Assert.Equal("444", Convert.ToString((int)new FileInfo(mounted + "/doc/b").UnixFileMode, 8));
            Assert.Equal("755", Convert.ToString((int)new FileInfo(root + "/usr/local/bin/a").UnixFileMode, 8));
            Assert.Equal(["/usr/local/bin/a", "/usr/local/share/doc/b"], record.Files);
            Assert.Empty(Directory.GetDirectories(root + "/usr/local", ".gosynth-install-*"));
            Assert.Equal(record.Files.Count + record.Directories.Count, PackageInstaller.Uninstall(record));
            Assert.Empty(Directory.GetFileSystemEntries(mounted));
        }
        finally
        {
            ToolRunner.Run("umount", mounted);
        }
    }
}

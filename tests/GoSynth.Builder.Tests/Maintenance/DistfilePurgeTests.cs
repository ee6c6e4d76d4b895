using GoSynth.Builder.Maintenance;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Maintenance;

public sealed class DistfilePurgeTests
{
    private static PortMetadata Port(string id, string distSubdir, params string[] files) => new()
    {
        Id = PortId.TryParse(id, out var port) ? port.Value : throw new ArgumentException(id),
        Version = "1.0",
        PackageFile = "x-1.0.pkg",
        AllFiles = [.. files],
        DistSubdir = distSubdir,
    };

    [Fact]
    public void FindUnreferenced_DistSubdirsAndHiddenDirectories_OnlyFilesNoPortNames()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a-1.0.tar.gz", "a");
        dir.WriteFile("python/b-2.0.tar.gz", "b");
        dir.WriteFile("b-2.0.tar.gz", "not b: b lives in python/");
        dir.WriteFile("old/c-0.1.tar.gz", "c");
        dir.WriteFile(".locks/0123.lk", "");

        var stale = DistfilePurge.FindUnreferenced(dir.Path, [Port("misc/a", "", "a-1.0.tar.gz"), Port("devel/b", "python", "b-2.0.tar.gz")]);

        Assert.Equal([dir.Combine("b-2.0.tar.gz"), dir.Combine("old", "c-0.1.tar.gz")], stale);
    }

    [Fact]
    public void FindUnreferenced_NoDirectory_Throws()
    {
        using var dir = new TempDirectory();

        Assert.Throws<DirectoryNotFoundException>(() => DistfilePurge.FindUnreferenced(dir.Combine("none"), []));
    }
}

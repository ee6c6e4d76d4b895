using GoSynth.Pkg.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Packages;

public sealed class PackageWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static PackageManifest Hello => new()
    {
        Name = "hello",
        Origin = "misc/hello",
        Version = "2.12_1",
        Comment = "Prints a greeting",
        Maintainer = "ports@example.org",
        Www = "https://example.org/hello",
        Abi = "FreeBSD:14:amd64",
        Arch = "freebsd:14:x86:64",
        Prefix = "/usr/local",
        LicenseLogic = "single",
        Licenses = ["BSD2CLAUSE"],
        Description = "Says hello, café.",
        Dependencies = [new PackageDependency("gettext-runtime", "devel/gettext-runtime", "0.22.5")],
        Categories = ["misc"],
        Options = [KeyValuePair.Create("NLS", "on"), KeyValuePair.Create("DOCS", "off")],
        Annotations = [KeyValuePair.Create("FreeBSD_version", "1400097")],
        Directories = [new PackageDirectory("/usr/local/share/hello/")],
        Scripts = [KeyValuePair.Create("post-install", "echo installed 100%")],
        Messages = [new PackageMessage("Enjoy.", "install")],
    };

    internal static string Stage(TempDirectory dir)
    {
        var stage = dir.Combine("stage");
        var bin = Directory.CreateDirectory(Path.Combine(stage, "usr/local/bin")).FullName;
        File.WriteAllText(Path.Combine(bin, "hello"), "#!/bin/sh\necho hello\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "hello"), (UnixFileMode)0x1ED);
        }

        Directory.CreateDirectory(Path.Combine(stage, "usr/local/share/hello"));
        File.WriteAllText(Path.Combine(stage, "usr/local/share/hello/greeting.txt"), "hello, world\n");
        File.CreateSymbolicLink(Path.Combine(bin, "hi"), "hello");
        var deep = Path.Combine(stage, "usr/local/share/hello", new string('d', 90), new string('e', 90));
        Directory.CreateDirectory(deep);
        File.WriteAllText(Path.Combine(deep, "long-name.txt"), "long\n");
        foreach (var f in Directory.EnumerateFileSystemEntries(stage, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(f, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        }

        return stage;
    }

    [Fact]
    public async Task WriteAsync_StagedTree_WritesPkgStructureAndSums()
    {
        using var dir = new TempDirectory();
        var stage = Stage(dir);
        var output = dir.Combine("out", "hello-2.12_1.pkg");

        var written = await PackageWriter.WriteAsync(stage, Hello, output, new PackageWriterOptions { CompressionLevel = 3 }, Ct);
        var contents = await PackageReader.ReadContentsAsync(output, Ct);

        Assert.Equal(PackageCompression.Zstd, contents.Compression);
        Assert.Equal(PackageManifestSerializer.ToFullJson(written), PackageManifestSerializer.ToFullJson(contents.Manifest));
        Assert.Equal(written.Files.Select(f => f.Path).Append("/usr/local/share/hello/"), contents.Entries.Select(e => e.Name));
        var hi = Assert.Single(written.Files, f => f.Path == "/usr/local/bin/hi");
        Assert.Equal("hello", hi.SymlinkTarget);
        Assert.Equal(GoSynth.Pkg.Packages.Internal.Checksums.ForSymlink("hello"), hi.Sum);
        var hello = Assert.Single(written.Files, f => f.Path == "/usr/local/bin/hello");
        Assert.Equal("1$" + SampleData.Sha256(stage + "/usr/local/bin/hello"), hello.Sum);
        Assert.Equal(0x1ED, hello.Permissions);
        Assert.Equal(new FileInfo(stage + "/usr/local/bin/hello").Length + 13 + 5 + 5, written.FlatSize);
        Assert.All(contents.Entries, e => Assert.Equal(("root", "wheel"), (e.UName, e.GName)));
        Assert.Equal("Says hello, café.", contents.Manifest.Description);
        Assert.Equal("echo installed 100%", contents.Manifest.Scripts[0].Value);
        Assert.Empty(contents.CompactManifest!.Scripts);
        Assert.Single(contents.CompactManifest.Messages);
    }

    [Fact]
    public async Task WriteAsync_SameInputTwice_IsByteIdentical()
    {
        using var dir = new TempDirectory();
        var stage = Stage(dir);

        await PackageWriter.WriteAsync(stage, Hello, dir.Combine("a.pkg"), new PackageWriterOptions { CompressionLevel = 3 }, Ct);
        await PackageWriter.WriteAsync(stage, Hello, dir.Combine("b.pkg"), new PackageWriterOptions { CompressionLevel = 3 }, Ct);

        Assert.Equal(SampleData.Sha256(dir.Combine("a.pkg")), SampleData.Sha256(dir.Combine("b.pkg")));
    }

    [Fact]
    public async Task WriteAsync_RealTools_ListAndExtractTheSameTree()
    {
        ToolRunner.RequireTools("tar", "zstd");
        using var dir = new TempDirectory();
        var stage = Stage(dir);
        var output = dir.Combine("hello.pkg");
        await PackageWriter.WriteAsync(stage, Hello, output, new PackageWriterOptions { CompressionLevel = 3 }, Ct);

        ToolRunner.Run("zstd", "-tq", output);
        var listing = ToolRunner.Run("tar", "--zstd", "-tvf", output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var extracted = Directory.CreateDirectory(dir.Combine("tar-x")).FullName;
        ToolRunner.Run("tar", "--zstd", "-xf", output, "-C", extracted, "--exclude=+*");
        var installed = Directory.CreateDirectory(dir.Combine("ours")).FullName;
        await PackageInstaller.InstallAsync(output, installed, cancellationToken: Ct);

        Assert.EndsWith(" +COMPACT_MANIFEST", listing[0], StringComparison.Ordinal);
        Assert.EndsWith(" +MANIFEST", listing[1], StringComparison.Ordinal);
        Assert.All(listing, l => Assert.Contains(" root/wheel ", l, StringComparison.Ordinal));
        Assert.Contains(listing, l => l.StartsWith("lrwxr-xr-x", StringComparison.Ordinal) && l.EndsWith("/usr/local/bin/hi -> hello", StringComparison.Ordinal));
        Assert.Equal(Files(TreeSnapshot.Take(stage)), Files(TreeSnapshot.Take(extracted)));
        Assert.Equal(Files(TreeSnapshot.Take(stage)), Files(TreeSnapshot.Take(installed)));
    }

    [Fact]
    public async Task WriteAsync_LegacyFormAndGzip_RoundTripThroughInstall()
    {
        using var dir = new TempDirectory();
        var stage = Stage(dir);
        var output = dir.Combine("hello.tgz");

        var written = await PackageWriter.WriteAsync(stage, Hello, output,
            new PackageWriterOptions { Compression = PackageCompression.Gzip, FilesForm = PackageFilesForm.Legacy, Timestamp = DateTimeOffset.FromUnixTimeSeconds(1700000000) }, Ct);
        var read = await PackageReader.ReadManifestAsync(output, Ct);
        var root = Directory.CreateDirectory(dir.Combine("root")).FullName;
        await PackageInstaller.InstallAsync(output, root, cancellationToken: Ct);

        Assert.Equal(PackageCompression.Gzip, PackageReader.DetectCompression(output));
        Assert.Equal(PackageFilesForm.Legacy, read.FilesForm);
        Assert.Equal(written.Files.Select(f => (f.Path, f.Sum)), read.Files.Select(f => (f.Path, f.Sum)));
        foreach (var f in written.Files.Where(f => f.SymlinkTarget is null))
        {
            Assert.Equal(f.Sum, "1$" + SampleData.Sha256(root + f.Path));
            Assert.Equal(1700000000, new DateTimeOffset(File.GetLastWriteTimeUtc(root + f.Path)).ToUnixTimeSeconds());
        }

        Assert.True(Directory.Exists(root + "/usr/local/share/hello"));
    }

    [Fact]
    public async Task WriteAsync_ListedFileNotStaged_ThrowsMissingEntry()
    {
        using var dir = new TempDirectory();
        var stage = Stage(dir);
        var manifest = Hello with { Files = [new PackageFile("/usr/local/bin/absent", "-")] };

        var ex = await Assert.ThrowsAsync<PackageFormatException>(() => PackageWriter.WriteAsync(stage, manifest, dir.Combine("x.pkg"), cancellationToken: Ct));

        Assert.Equal((PackageErrorKind.MissingEntry, "/usr/local/bin/absent"), (ex.Kind, ex.EntryName));
        Assert.False(File.Exists(dir.Combine("x.pkg")));
    }

    [Fact]
    public async Task WriteAsync_ListedFiles_KeepsOrderAndListedPermissions()
    {
        using var dir = new TempDirectory();
        var stage = Stage(dir);
        var manifest = Hello with
        {
            Files = [new PackageFile("/usr/local/share/hello/greeting.txt", "-"), new PackageFile("/usr/local/bin/hello", "-") { Permissions = 0x16D }],
        };

        var written = await PackageWriter.WriteAsync(stage, manifest, dir.Combine("x.pkg"), new PackageWriterOptions { CompressionLevel = 1 }, Ct);
        var contents = await PackageReader.ReadContentsAsync(dir.Combine("x.pkg"), Ct);

        Assert.Equal(["/usr/local/share/hello/greeting.txt", "/usr/local/bin/hello", "/usr/local/share/hello/"], contents.Entries.Select(e => e.Name));
        Assert.Equal(0x16D, contents.Entries[1].Permissions);
        Assert.Equal(0x16D, written.Files[1].Permissions);
    }

    private static IEnumerable<KeyValuePair<string, string>> Files(SortedDictionary<string, string> tree) =>
        tree.Where(p => !p.Value.StartsWith("dir", StringComparison.Ordinal));
}

using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

public sealed class PackageCommandsTests
{
    private const string IndexinfoSha = "6ec54c2fe9bceabea3585326103666992e3527115067d450adbd515152561017";
    private const string GccSha = "1a991ddd35e53af1f6ad5f05e00c38927cd6916d8d45081dc20c9eed189775a1";
    private const string CsrutilSha = "5d3c075fe14084388c13ee2a06618c2a3f874e8d733d07a4f9eb8c00dcecb4d7";

    private static string Sample(string name, string sha)
    {
        var path = Path.Combine(RepositoryPaths.TestData, "pkg-files", name);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await GoSynthApp.CreateRootCommand().Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task PackageInfo_RealPackageWithFiles_PrintsManifestAndFileList()
    {
        var (exit, output, _) = await RunAsync("package-info", Sample("gcc-10_4.pkg", GccSha), "--files");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Name            : gcc\n", output, StringComparison.Ordinal);
        Assert.Contains("Version         : 10_4\n", output, StringComparison.Ordinal);
        Assert.Contains("Depends on      : gcc10-10.3.0 (lang/gcc10)\n", output, StringComparison.Ordinal);
        Assert.Contains("Compression     : xz\n", output, StringComparison.Ordinal);
        Assert.Contains("  l 0755          - /usr/local/bin/g++ -> g++10\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageInfo_Json_PrintsPkgCompactJsonOrFullWithFiles()
    {
        var path = Sample("csrutil-26.8_1.pkg", CsrutilSha);

        var (exit, compact, _) = await RunAsync("package-info", path, "--json");
        var (_, full, _) = await RunAsync("package-info", path, "--json", "--files");

        Assert.Equal(ExitCodes.Success, exit);
        using var c = JsonDocument.Parse(compact);
        Assert.Equal("csrutil", c.RootElement.GetProperty("name").GetString());
        Assert.False(c.RootElement.TryGetProperty("files", out _));
        using var f = JsonDocument.Parse(full);
        Assert.Equal("0555", f.RootElement.GetProperty("files").GetProperty("/usr/local/bin/csrutil").GetProperty("perm").GetString());
    }

    [Fact]
    public async Task PackageInfo_NotAPackage_PrintsOneLineErrorAndFails()
    {
        using var dir = new TempDirectory();
        var bad = dir.WriteFile("bad.pkg", "definitely not an archive, no magic here at all");

        var (exit, _, error) = await RunAsync("package-info", bad);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.StartsWith("gosynth package-info: " + bad, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageInfo_WithoutFiles_ReadsOnlyTheManifestsNotTheCutPayload()
    {
        using var dir = new TempDirectory();
        var manifest = "{\"name\":\"cut\",\"origin\":\"misc/cut\",\"version\":\"1.0\",\"flatsize\":1048576,\"files\":{\"/usr/local/share/big\":\"-\"}}"u8.ToArray();
        var whole = PlainTar(("+COMPACT_MANIFEST", manifest), ("+MANIFEST", manifest), ("/usr/local/share/big", new byte[1 << 20]));
        var cut = dir.Combine("cut.pkg");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);

        var (exit, output, _) = await RunAsync("package-info", cut);
        var (filesExit, _, filesError) = await RunAsync("package-info", cut, "--files");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Name            : cut\n", output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, filesExit);
        Assert.Contains(": the archive ends ", filesError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", filesError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackageInfo_InvalidUtf8InManifest_PrintsOneLineErrorAndFails()
    {
        using var dir = new TempDirectory();
        var manifest = System.Text.Encoding.Latin1.GetBytes("{\"name\":\"bad\",\"version\":\"1.0\",\"comment\":\"caf\u00ff\"}"); // a lone 0xFF byte
        var pkg = dir.Combine("utf8.pkg");
        File.WriteAllBytes(pkg, PlainTar(("+MANIFEST", manifest)));

        var (exit, _, error) = await RunAsync("package-info", pkg);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.StartsWith("gosynth package-info: " + pkg + ", entry '+MANIFEST': manifest is not valid UTF-8", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static byte[] PlainTar(params (string Name, byte[] Data)[] entries)
    {
        using var bytes = new MemoryStream();
        using (var tar = new System.Formats.Tar.TarWriter(bytes, System.Formats.Tar.TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, data) in entries)
            {
                tar.WriteEntry(new System.Formats.Tar.UstarTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return bytes.ToArray();
    }

    [Fact]
    public async Task RebuildRepositoryThenVerify_RealPackages_SucceedThenDetectDamage()
    {
        using var dir = new TempDirectory();
        var all = Directory.CreateDirectory(dir.Combine("All")).FullName;
        File.Copy(Sample("indexinfo-0.3.1.pkg", IndexinfoSha), Path.Combine(all, "indexinfo-0.3.1.pkg"));
        File.Copy(Sample("gcc-10_4.pkg", GccSha), Path.Combine(all, "gcc-10_4.pkg"));

        var (rebuildExit, rebuildOut, _) = await RunAsync("rebuild-repository", "--packages", dir.Path, "--compression-level", "3");
        var (verifyExit, verifyOut, _) = await RunAsync("verify", "--packages", dir.Path);
        File.AppendAllText(Path.Combine(all, "gcc-10_4.pkg"), "tampered");
        var (badExit, badOut, _) = await RunAsync("verify", "--packages", dir.Path, "--json");

        Assert.Equal(ExitCodes.Success, rebuildExit);
        Assert.Contains("Catalogued 2 packages", rebuildOut, StringComparison.Ordinal);
        Assert.True(File.Exists(dir.Combine("data.pkg")));
        Assert.Equal(ExitCodes.Success, verifyExit);
        Assert.Contains("2 packages verified, no problems", verifyOut, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, badExit);
        using var report = JsonDocument.Parse(badOut);
        var problem = Assert.Single(report.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal("SumMismatch", problem.GetProperty("kind").GetString());
        Assert.Equal("All/gcc-10_4.pkg", problem.GetProperty("path").GetString());
    }

    [Fact]
    public async Task RebuildRepository_MissingDirectory_IsAUsageError()
    {
        using var dir = new TempDirectory();

        var (exit, _, error) = await RunAsync("rebuild-repository", "--packages", dir.Combine("nope"));

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.StartsWith("gosynth rebuild-repository: packages directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DirectoryWithoutCatalog_Fails()
    {
        using var dir = new TempDirectory();

        var (exit, output, _) = await RunAsync("verify", "--packages", dir.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("CatalogUnreadable", output, StringComparison.Ordinal);
    }
}

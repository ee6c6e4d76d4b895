using System.CommandLine;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using GoSynth.Pkg.Repositories;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

public sealed class RepositoryCommandsTests
{
    private const string GccSha = "1a991ddd35e53af1f6ad5f05e00c38927cd6916d8d45081dc20c9eed189775a1";

    private static string Gcc()
    {
        var path = Path.Combine(RepositoryPaths.TestData, "pkg-files", "gcc-10_4.pkg");
        Assert.Equal(GccSha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
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
    public async Task RebuildRepository_LegacyOnlyRepository_NamesWhatWasLeftOutAndFails()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("All"));
        File.Copy(Gcc(), dir.Combine("All", "gcc-10_4.txz"));

        var (exit, _, error) = await RunAsync("rebuild-repository", "--packages", dir.Path, "--compression-level", "1");
        var (legacyExit, legacyOut, _) = await RunAsync("rebuild-repository", "--packages", dir.Path, "--compression-level", "1", "--accept-legacy");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("left out All/gcc-10_4.txz", error, StringComparison.Ordinal);
        Assert.Contains("--accept-legacy", error, StringComparison.Ordinal);
        Assert.Contains("no catalog written", error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, legacyExit);
        Assert.Contains("Catalogued 1 packages", legacyOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RebuildRepository_FrameSize_ZeroWritesOneFrame_TheDefaultSeveral_TooSmallIsAUsageError()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("All"));
        File.Copy(Gcc(), dir.Combine("All", "gcc-10_4.pkg"));

        var framed = await RunAsync("rebuild-repository", "--packages", dir.Path, "--compression-level", "1");
        Assert.Equal(ExitCodes.Success, framed.Exit);
        var framedCount = ZstdFrames(dir.Combine("packagesite.pkg"));
        var single = await RunAsync("rebuild-repository", "--packages", dir.Path, "--compression-level", "1", "--frame-size", "0");
        Assert.Equal(ExitCodes.Success, single.Exit);
        var singleCount = ZstdFrames(dir.Combine("packagesite.pkg"));
        var tooSmall = await RunAsync("rebuild-repository", "--packages", dir.Path, "--frame-size", "100");

        Assert.True(framedCount > 1, $"the default wrote {framedCount} frame(s)");
        Assert.Equal(1, singleCount);
        Assert.Equal(ExitCodes.Usage, tooSmall.Exit);
        Assert.Contains("CompressionFrameSize 100", tooSmall.Err, StringComparison.Ordinal);
    }

    /// <summary>The number of zstd frames in a file, as the zstd tool counts them.</summary>
    private static int ZstdFrames(string path)
    {
        var info = new System.Diagnostics.ProcessStartInfo("zstd", ["-lv", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var match = System.Text.RegularExpressions.Regex.Match(text, @"# Zstandard Frames: (\d+)");
        Assert.True(match.Success, "zstd -lv printed no frame count: " + text);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task RebuildRepository_InPlace_SaysWhichStaleCatalogFilesItRemoved()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("All"));
        File.Copy(Gcc(), dir.Combine("All", "gcc-10_4.pkg"));
        dir.WriteFile("digests.txz", "stale");

        var (exit, output, _) = await RunAsync("rebuild-repository", "--packages", dir.Path, "--compression-level", "1");

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("Removed stale catalog file digests.txz", output, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("digests.txz")));
    }

    [Fact]
    public async Task Verify_CatalogNamingAFileOutsideTheRepository_FailsWithoutReadingIt()
    {
        using var outside = new TempDirectory();
        using var repo = new TempDirectory();
        var target = outside.Combine("gcc-10_4.pkg");
        File.Copy(Gcc(), target);
        var entry = await RepositoryBuilder.ReadEntryAsync(outside.Path, "gcc-10_4.pkg", TestContext.Current.CancellationToken);
        var data = "{\"groups\":[],\"expired_packages\":[],\"packages\":["u8.ToArray()
            .Concat(RepositoryBuilder.ToCatalogJson(entry with { Path = target, RepoPath = target }))
            .Concat("]}"u8.ToArray()).ToArray();
        using (var file = File.Create(repo.Combine("data.pkg")))
        using (var zstd = new ZstdSharp.CompressionStream(file, 3))
        using (var tar = new TarWriter(zstd, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "data") { DataStream = new MemoryStream(data) });
        }

        var (exit, output, _) = await RunAsync("verify", "--packages", repo.Path);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains($"UnsafePath: {target}: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedRepository_VerifyReportsTheSignatureAndUnsignedRebuildNeedsAFlag()
    {
        using var dir = new TempDirectory();
        var repo = Directory.CreateDirectory(dir.Combine("repo")).FullName;
        Directory.CreateDirectory(Path.Combine(repo, "All"));
        File.Copy(Gcc(), Path.Combine(repo, "All", "gcc-10_4.pkg"));
        using var rsa = RSA.Create(2048);
        var key = dir.WriteFile("repo.key", rsa.ExportRSAPrivateKeyPem());
        var pub = dir.WriteFile("repo.pub", rsa.ExportSubjectPublicKeyInfoPem());

        var (signExit, signOut, _) = await RunAsync("rebuild-repository", "--packages", repo, "--compression-level", "1", "--signing-key", key);
        var (plainExit, plainOut, _) = await RunAsync("verify", "--packages", repo);
        var (keyExit, keyOut, _) = await RunAsync("verify", "--packages", repo, "--pubkey", pub, "--json");
        var (refuseExit, _, refuseErr) = await RunAsync("rebuild-repository", "--packages", repo, "--compression-level", "1");
        var (allowExit, _, allowErr) = await RunAsync("rebuild-repository", "--packages", repo, "--compression-level", "1", "--allow-unsigned");

        Assert.Equal(ExitCodes.Success, signExit);
        Assert.Contains("Catalog is signed with RSA key", signOut, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, plainExit);
        Assert.Contains("Signature: Unverifiable", plainOut, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, keyExit);
        using (var report = JsonDocument.Parse(keyOut))
        {
            Assert.Equal("Valid", report.RootElement.GetProperty("signature").GetProperty("state").GetString());
        }

        Assert.Equal(ExitCodes.Failure, refuseExit);
        Assert.Contains("signed", refuseErr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, allowExit);
        Assert.Contains("warning: the signed catalog", allowErr, StringComparison.Ordinal);
    }
}

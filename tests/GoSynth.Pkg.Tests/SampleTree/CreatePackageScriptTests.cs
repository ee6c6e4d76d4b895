using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Tests.Packages;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.SampleTree;

/// <summary>
/// The framework's package writer (<c>Mk/Scripts/create-package.sh</c>) on inputs the sample ports do not have:
/// absolute symbolic links, names and descriptions that pkg %-encodes, JSON escapes, <c>@dir</c>, licences,
/// SOURCE_DATE_EPOCH, and a packing list naming a file that was not staged.
/// </summary>
public sealed class CreatePackageScriptTests : IDisposable
{
    private readonly TempDirectory _temp = new("gosynth-createpkg-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Script => Path.Combine(RepositoryPaths.SamplePorts, "Mk", "Scripts", "create-package.sh");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Package_UnusualNamesLinksAndText_InstallsWithEverySumVerified()
    {
        ToolRunner.RequireTools("tar", "zstd", "sha256sum");
        var stage = _temp.Combine("stage");
        var share = Path.Combine(stage, "usr/local/share/odd");
        Directory.CreateDirectory(share);
        Directory.CreateDirectory(Path.Combine(stage, "usr/local/lib/odd-plugins"));
        await File.WriteAllTextAsync(Path.Combine(share, "100%-größe.txt"), "umlaut\n", Ct);
        File.CreateSymbolicLink(Path.Combine(share, "absolute-link"), "/usr/local/share/odd/100%-größe.txt");
        File.CreateSymbolicLink(Path.Combine(share, "relative-link"), "100%-größe.txt");
        var plist = _temp.WriteFile("plist", "share/odd/100%-größe.txt\n@comment not packed\n\nshare/odd/absolute-link\nshare/odd/relative-link\n@dir lib/odd-plugins\n");
        const string description = "Says \"hello\"\tin Grüße; 50% \\ backslash.\n\nSecond paragraph.\n";
        var descr = _temp.WriteFile("pkg-descr", description);
        var package = _temp.Combine("All", "odd-1.0.pkg");
        Directory.CreateDirectory(_temp.Combine("All"));

        var result = await RunAsync(new()
        {
            ["_P_NAME"] = "odd", ["_P_VERSION"] = "1.0", ["_P_ORIGIN"] = "misc/odd", ["_P_COMMENT"] = "An \"odd\" port",
            ["_P_MAINTAINER"] = "ports@gosynth.example.org", ["_P_WWW"] = "https://example.org/odd", ["_P_ABI"] = "FreeBSD:14:amd64",
            ["_P_PREFIX"] = "/usr/local", ["_P_DESCR"] = descr, ["_P_LICENSE_LOGIC"] = "or", ["_P_LICENSES"] = "BSD2CLAUSE MIT",
            ["_P_CATEGORIES"] = "misc textproc", ["_P_OPTIONS"] = "Z=off A=on", ["_P_ANNOTATIONS"] = "FreeBSD_version=1402000",
            ["_P_DEPENDS"] = "", ["_P_PLIST"] = plist, ["_P_STAGEDIR"] = stage, ["_P_WRKDIR"] = _temp.Combine("work"),
            ["_P_PKGFILE"] = package, ["_P_LEVEL"] = "3", ["SOURCE_DATE_EPOCH"] = "1700000000",
        });

        Assert.True(result.ExitCode == 0, result.Output);
        var contents = await PackageReader.ReadContentsAsync(package, Ct);
        var m = contents.Manifest;
        Assert.Equal(["/usr/local/share/odd/100%-größe.txt", "/usr/local/share/odd/absolute-link", "/usr/local/share/odd/relative-link"],
            m.Files.Select(f => f.Path));
        Assert.Equal(description.TrimEnd('\n'), m.Description);
        Assert.Equal("An \"odd\" port", m.Comment);
        Assert.Equal(("or", "https://example.org/odd"), (m.LicenseLogic, m.Www));
        Assert.Equal(["BSD2CLAUSE", "MIT"], m.Licenses);
        Assert.Equal(["misc", "textproc"], m.Categories);
        Assert.Equal(["A=on", "Z=off"], m.Options.Select(o => o.Key + "=" + o.Value));
        Assert.Equal("/usr/local/lib/odd-plugins", Assert.Single(m.Directories).Path.TrimEnd('/'));
        Assert.Equal("freebsd:14:x86:64", m.Arch);
        var absolute = "usr/local/share/odd/100%-größe.txt"u8.ToArray().Append((byte)0).ToArray();
        Assert.Equal("1$" + Convert.ToHexStringLower(SHA256.HashData(absolute)), m.Files[1].Sum);
        Assert.Equal(7 + Encoding.UTF8.GetByteCount("/usr/local/share/odd/100%-größe.txt") + Encoding.UTF8.GetByteCount("100%-größe.txt"), m.FlatSize);
        Assert.All(contents.Entries.Where(e => e.Kind != PackageEntryKind.Directory),
            e => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), e.ModificationTime));
        var raw = ToolRunner.Run("tar", "--zstd", "-xOf", package, "+MANIFEST");
        Assert.Contains("\"/usr/local/share/odd/100%25-gr%c3%b6%c3%9fe.txt\"", raw, StringComparison.Ordinal);

        // The installer checks every sum against the content, the absolute symlink's included.
        var root = _temp.Combine("root");
        Directory.CreateDirectory(root);
        await PackageInstaller.InstallAsync(package, root, cancellationToken: Ct);
        Assert.Equal("umlaut\n", await File.ReadAllTextAsync(Path.Combine(root, "usr/local/share/odd/relative-link"), Ct));
        Assert.True(Directory.Exists(Path.Combine(root, "usr/local/lib/odd-plugins")));
    }

    [Fact]
    public async Task Package_ListedFileNotStaged_FailsNamingItAndLeavesNoFile()
    {
        ToolRunner.RequireTools("tar", "zstd", "sha256sum");
        var stage = _temp.Combine("stage");
        Directory.CreateDirectory(Path.Combine(stage, "usr/local/bin"));
        var plist = _temp.WriteFile("plist", "bin/missing\n");
        Directory.CreateDirectory(_temp.Combine("All"));

        var result = await RunAsync(new()
        {
            ["_P_NAME"] = "gone", ["_P_VERSION"] = "1.0", ["_P_ABI"] = "FreeBSD:14:amd64", ["_P_PREFIX"] = "/usr/local",
            ["_P_PLIST"] = plist, ["_P_STAGEDIR"] = stage, ["_P_WRKDIR"] = _temp.Combine("work"),
            ["_P_PKGFILE"] = _temp.Combine("All", "gone-1.0.pkg"), ["_P_LEVEL"] = "3",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("the packing list names /usr/local/bin/missing", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine("All")));
    }

    [Fact]
    public async Task Package_UnsupportedPlistKeyword_FailsNamingTheLine()
    {
        ToolRunner.RequireTools("tar", "zstd", "sha256sum");
        var stage = _temp.Combine("stage");
        Directory.CreateDirectory(stage);
        var plist = _temp.WriteFile("plist", "@sample etc/x.conf.sample\n");
        Directory.CreateDirectory(_temp.Combine("All"));

        var result = await RunAsync(new()
        {
            ["_P_NAME"] = "kw", ["_P_VERSION"] = "1.0", ["_P_ABI"] = "FreeBSD:14:amd64", ["_P_PREFIX"] = "/usr/local",
            ["_P_PLIST"] = plist, ["_P_STAGEDIR"] = stage, ["_P_WRKDIR"] = _temp.Combine("work"),
            ["_P_PKGFILE"] = _temp.Combine("All", "kw-1.0.pkg"), ["_P_LEVEL"] = "3",
        });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("line 1: @sample is not supported", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp.Combine("All")));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script);
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/bin:/bin";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}

using System.CommandLine;
using System.Text.Json;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

public sealed class StatusCommandTests
{
    private static bool HasBmake() => (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
        .Any(d => File.Exists(Path.Combine(d, "bmake")));

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = GoSynthApp.CreateRootCommand().Parse(args);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Status_SampleTreeEverything_PrintsQueueInBuildOrderWithStatesAndTotals()
    {
        if (!HasBmake())
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }

        using var cache = new TempDirectory();
        var (exit, output, error) = await RunAsync("status-everything", "--ports-dir", RepositoryPaths.SamplePorts, "--cache-dir", cache.Path, "--target", "freebsd", "--os-version", "14.2", "--arch", "amd64", "--make", "bmake");

        Assert.True(exit == 0, error);
        var lines = output.Split('\n');
        var pkg = Array.FindIndex(lines, l => l.Contains(" ports-mgmt/pkg ", StringComparison.Ordinal));
        var meta = Array.FindIndex(lines, l => l.Contains(" misc/meta-samples ", StringComparison.Ordinal));
        var hello = Array.FindIndex(lines, l => l.Contains(" misc/hello ", StringComparison.Ordinal));
        var libgreet = Array.FindIndex(lines, l => l.Contains(" devel/libgreet ", StringComparison.Ordinal));
        Assert.True(pkg > 0 && pkg < libgreet && libgreet < hello && hello < meta, output);
        Assert.Matches(@"sysutils/legacyd\s+0\.3\s+ignored\s+needs the kvm", output);
        Assert.Matches(@"sysutils/svcmon\s+1\.1\s+unbuildable\s+.*sysutils/legacyd", output);
        Assert.Matches(@"misc/meta-samples\s+1\.0\s+meta", output);
        Assert.Contains("editors/tedit@gui", output, StringComparison.Ordinal);
        Assert.Contains("Totals: 23 nodes: 18 to build, 0 up to date, 1 meta, 3 ignored, 1 unbuildable, 0 not needed, 0 not found, 0 corrupt", output, StringComparison.Ordinal);
        Assert.Matches(@"devel/kvmstub\s+0\.2\s+build", output);
    }

    [Fact]
    public async Task StatusJson_OnePort_IsParsableWithTheDocumentedFields()
    {
        if (!HasBmake())
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }

        using var cache = new TempDirectory();
        var (exit, output, error) = await RunAsync("status", "misc/meta-samples", "--json", "--ports-dir", RepositoryPaths.SamplePorts, "--cache-dir", cache.Path);

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(["misc/meta-samples"], root.GetProperty("requested").EnumerateArray().Select(e => e.GetString()));
        var nodes = root.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal("ports-mgmt/pkg", nodes[0].GetProperty("id").GetString());
        var meta = nodes.Single(n => n.GetProperty("id").GetString() == "misc/meta-samples");
        Assert.Equal("meta", meta.GetProperty("state").GetString());
        Assert.True(meta.GetProperty("requested").GetBoolean());
        Assert.Equal(nodes.Count, meta.GetProperty("position").GetInt32());
        Assert.Contains("editors/tedit@gui", meta.GetProperty("dependencies").GetProperty("run").EnumerateArray().Select(e => e.GetString()));
        var gui = nodes.Single(n => n.GetProperty("id").GetString() == "editors/tedit@gui");
        Assert.Equal("editors/tedit", gui.GetProperty("origin").GetString());
        Assert.Equal("gui", gui.GetProperty("flavor").GetString());
        Assert.Equal("tedit-gui-1.0_2,1.pkg", gui.GetProperty("packageFile").GetString());
        Assert.Equal(["tty", "gui"], gui.GetProperty("flavors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["devel/libgreet"], gui.GetProperty("dependencies").GetProperty("lib").EnumerateArray().Select(e => e.GetString()));
        var hello = nodes.Single(n => n.GetProperty("id").GetString() == "misc/hello");
        Assert.Equal(["COLOR", "DOCS"], hello.GetProperty("options").GetProperty("selected").EnumerateArray().Select(e => e.GetString()));
        Assert.True(hello.GetProperty("priority").GetDouble() > meta.GetProperty("priority").GetDouble());
        Assert.Equal(nodes.Count, root.GetProperty("totals").GetProperty("nodes").GetInt32());
        Assert.Equal(1, root.GetProperty("totals").GetProperty("meta").GetInt32());
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("devel/a/b")]
    [InlineData("devel/a b")]
    public async Task Status_BadSpec_ExitsTwoWithOneLineReason(string spec)
    {
        var (exit, output, error) = await RunAsync("status", spec, "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("invalid port spec", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_DependencyCycle_ExitsTwoNamingTheCycle()
    {
        if (!HasBmake())
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }

        using var tree = new TempDirectory();
        tree.WriteFile("Mk/bsd.port.mk", "PKGVERSION=\t${PORTVERSION}\nPKGFILE=\t/p/${PORTNAME}-${PORTVERSION}.pkg\n");
        tree.WriteFile("ports-mgmt/pkg/Makefile", "PORTNAME=pkg\nPORTVERSION=1\n.include <bsd.port.mk>\n");
        tree.WriteFile("devel/a/Makefile", "PORTNAME=a\nPORTVERSION=1\nBUILD_DEPENDS=b:devel/b\n.include <bsd.port.mk>\n");
        tree.WriteFile("devel/b/Makefile", "PORTNAME=b\nPORTVERSION=1\nRUN_DEPENDS=a:devel/a\n.include <bsd.port.mk>\n");

        var (exit, output, error) = await RunAsync("status", "devel/a", "--ports-dir", tree.Path, "--no-cache");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("devel/a -> devel/b -> devel/a", line.Replace("devel/b -> devel/a -> devel/b", "devel/a -> devel/b -> devel/a", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_MissingPortsTree_ExitsTwo()
    {
        var (exit, _, error) = await RunAsync("status-everything", "--ports-dir", "/nonexistent/ports", "--no-cache");

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("/nonexistent/ports", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_SecondRunWithCache_RunsNoMakeAndPrintsTheSameQueue()
    {
        if (!HasBmake())
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }

        using var cache = new TempDirectory();
        string[] args = ["status-everything", "--json", "--ports-dir", RepositoryPaths.SamplePorts, "--cache-dir", cache.Path];
        var (_, first, _) = await RunAsync(args);
        var (exit, second, error) = await RunAsync(args);

        Assert.True(exit == 0, error);
        using var a = JsonDocument.Parse(first);
        using var b = JsonDocument.Parse(second);
        Assert.Equal(23, a.RootElement.GetProperty("scan").GetProperty("queried").GetInt32());
        Assert.Equal(0, b.RootElement.GetProperty("scan").GetProperty("queried").GetInt32());
        Assert.Equal(23, b.RootElement.GetProperty("scan").GetProperty("cached").GetInt32());
        Assert.Equal(a.RootElement.GetProperty("nodes").GetRawText(), b.RootElement.GetProperty("nodes").GetRawText());
    }
}

using System.CommandLine;
using System.Text.Json;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Commands;

/// <summary>
/// <c>status</c> on what real trees contain: a flavor without its default, ports that cannot be evaluated, moved and
/// removed ports, ports only an ignored port needs, a tree without a pkg port.
/// </summary>
public sealed class StatusIssue8Tests
{
    private static void RequireBmake()
    {
        if (!(System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':').Any(d => File.Exists(Path.Combine(d, "bmake"))))
        {
            Assert.Skip("bmake is not installed (eng/prereqs.sh installs it)");
        }
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var parse = GoSynthApp.CreateRootCommand().Parse(args);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private static Task<(int Exit, string Output, string Error)> SampleAsync(params string[] args) =>
        RunAsync([.. args, "--ports-dir", RepositoryPaths.SamplePorts, "--no-cache", "--make", "bmake"]);

    [Fact]
    public async Task Status_NonDefaultFlavorWithoutItsDefault_PrintsTheQueue()
    {
        RequireBmake();

        var (exit, output, error) = await SampleAsync("status", "editors/tedit@gui");

        Assert.True(exit == 0, error);
        Assert.Matches(@"\* editors/tedit@gui\s+1\.0_2,1\s+build", output);
        Assert.DoesNotContain("editors/tedit@tty", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusJson_PortThatChoosesItsOwnDefaultFlavor_DefaultIsWhatThePortSays()
    {
        RequireBmake();

        var (exit, output, error) = await SampleAsync("status", "textproc/spell", "textproc/spell@en", "--json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(["textproc/spell@de", "textproc/spell@en"], doc.RootElement.GetProperty("requested").EnumerateArray().Select(e => e.GetString()));
        var spell = doc.RootElement.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("origin").GetString() == "textproc/spell").ToList();
        Assert.Equal(2, spell.Count);
        Assert.All(spell, n => Assert.Equal(["de", "en"], n.GetProperty("flavors").EnumerateArray().Select(e => e.GetString())));
        Assert.Equal("spell-1.0.pkg", spell.Single(n => n.GetProperty("flavor").GetString() == "de").GetProperty("packageFile").GetString());
        Assert.Equal("spell-en-1.0.pkg", spell.Single(n => n.GetProperty("flavor").GetString() == "en").GetProperty("packageFile").GetString());
    }

    [Theory]
    [InlineData("editors/tedit@nope", "editors/tedit@nope: unknown flavor 'nope'; the port's FLAVORS are tty gui.")]
    [InlineData("devel/nosuchport", "devel/nosuchport: no port at ")]
    [InlineData("sysutils/swapinfo", "sysutils/swapinfo: sysutils/swapinfo was removed from the ports tree on 2024-06-30: Has expired")]
    public async Task Status_RequestedPortCannotBeEvaluated_ExitsOneWithOneLineNamingIt(string port, string expected)
    {
        RequireBmake();

        var (exit, output, error) = await SampleAsync("status", "misc/hello", port);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Equal("", output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("gosynth status: " + expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_RequestedPortMakeFails_ExitsOneWithMakesError()
    {
        RequireBmake();
        using var tree = new TempDirectory();
        tree.WriteFile("Mk/bsd.port.mk", "PKGVERSION=\t${PORTVERSION}\nPKGFILE=\t/p/${PORTNAME}-${PORTVERSION}.pkg\nPKG_ORIGIN?=\tports-mgmt/pkg\n");
        tree.WriteFile("ports-mgmt/pkg/Makefile", "PORTNAME=pkg\nPORTVERSION=1\n.include <bsd.port.mk>\n");
        tree.WriteFile("devel/broken/Makefile", "PORTNAME=broken\nPORTVERSION=1\n.if ${NO_SUCH\n.include <bsd.port.mk>\n");

        var (exit, _, error) = await RunAsync("status", "devel/broken", "--ports-dir", tree.Path, "--no-cache");

        Assert.Equal(ExitCodes.Failure, exit);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("gosynth status: devel/broken: make exited with code ", line, StringComparison.Ordinal);
        Assert.Contains("make said:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_MovedPort_BuildsTheDestinationWithANote()
    {
        RequireBmake();

        var (exit, output, error) = await SampleAsync("status", "misc/greeter");

        Assert.True(exit == 0, error);
        Assert.Matches(@"\* misc/hello\s+2\.12\s+build", output);
        Assert.Equal(
            [
                "gosynth status: note: misc/greeter moved to misc/hello-world on 2023-05-01: Renamed upstream",
                "gosynth status: note: misc/hello-world moved to misc/hello on 2024-02-01: Merged into misc/hello",
            ],
            error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Status_PortOnlyAnIgnoredPortNeeds_IsNotNeededInTextAndJson()
    {
        RequireBmake();

        var (exit, output, error) = await SampleAsync("status", "sysutils/svcmon");
        var (jsonExit, json, _) = await SampleAsync("status", "sysutils/svcmon", "--json");

        Assert.True(exit == 0, error);
        Assert.Matches(@"devel/kvmstub\s+0\.2\s+not-needed\s+not needed: only needed by sysutils/legacyd, which is ignored", output);
        Assert.Contains(", 1 not needed, ", output, StringComparison.Ordinal);
        Assert.Equal(0, jsonExit);
        using var doc = JsonDocument.Parse(json);
        var stub = doc.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("id").GetString() == "devel/kvmstub");
        Assert.Equal("not-needed", stub.GetProperty("state").GetString());
        Assert.Equal("not needed: only needed by sysutils/legacyd, which is ignored", stub.GetProperty("reason").GetString());
        Assert.Equal(1, doc.RootElement.GetProperty("totals").GetProperty("not-needed").GetInt32());
        Assert.Equal("ports-mgmt/pkg", doc.RootElement.GetProperty("bootstrap").GetString());
        Assert.Empty(doc.RootElement.GetProperty("notes").EnumerateArray());
    }

    [Fact]
    public async Task Status_TreeWithoutPkgPort_SaysSoAndBuildsEverything()
    {
        RequireBmake();
        using var tree = new TempDirectory();
        tree.WriteFile("Mk/bsd.port.mk", "PKGVERSION=\t${PORTVERSION}\nPKGFILE=\t/p/${PORTNAME}-${PORTVERSION}.pkg\n");
        tree.WriteFile("devel/a/Makefile", "PORTNAME=a\nPORTVERSION=1\nBUILD_DEPENDS=b:devel/b\n.include <bsd.port.mk>\n");
        tree.WriteFile("devel/b/Makefile", "PORTNAME=b\nPORTVERSION=1\n.include <bsd.port.mk>\n");

        var (exit, output, error) = await RunAsync("status", "devel/a", "--json", "--ports-dir", tree.Path, "--no-cache");

        Assert.True(exit == 0, error);
        var note = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("gosynth status: note: The ports tree names no pkg port", note, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("bootstrap").ValueKind);
        Assert.Equal(["devel/b", "devel/a"], doc.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.All(doc.RootElement.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("build", n.GetProperty("state").GetString()));
    }
}

using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Packaging;

/// <summary>
/// The gosynth .NET tool as a user gets it (see <see cref="InstalledTool"/>): a pointer package and one package per
/// runtime, installed with <c>dotnet tool install</c> from that feed only, and run as a real process from outside the
/// repository. On linux-x64 that is the Native AOT program, so these tests are where the AOT build is run for real.
/// </summary>
[Collection(DotnetProcessCollection.Name)]
public sealed class ToolPackageTests(InstalledTool tool) : IClassFixture<InstalledTool>
{
    private static readonly string Configuration =
        typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void ToolPackages_PointerNamesTheRuntimePackages_AndEachCarriesTheProgramAndTheSampleTree()
    {
        // The pointer: a DotnetTool named gosynth with the repository element, naming the Native AOT and portable packages.
        using (var zip = ZipFile.OpenRead(Path.Combine(tool.Feed, InstalledTool.PackageFile(tool.Feed, "gosynth.")!)))
        {
            var nuspec = ReadNuspec(zip, "gosynth.nuspec");
            Assert.Equal("gosynth", nuspec.Id);
            Assert.Equal("DotnetTool", nuspec.PackageType);
            Assert.Equal("https://github.com/gosynth/gosynth", nuspec.RepositoryUrl);
            Assert.Matches("^[0-9a-f]{40}$", nuspec.RepositoryCommit);
            var settings = XDocument.Load(zip.Entries.Single(e => e.Name == "DotnetToolSettings.xml").Open());
            var runtimes = settings.Descendants("RuntimeIdentifierPackage").Select(e => (e.Attribute("RuntimeIdentifier")!.Value, e.Attribute("Id")!.Value)).ToList();
            Assert.Equal([("linux-x64", "gosynth.linux-x64"), ("any", "gosynth.any")], runtimes);
            Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".dll", StringComparison.Ordinal));
        }

        // The portable package: the assemblies and the sample tree next to gosynth.dll.
        AssertRuntimePackage("any", "tools/net10.0/any/", "gosynth.dll");
        if (InstalledTool.IsNative)
        {
            // The Native AOT package: one program, the SQLite library it loads, the sample tree; no assemblies, no debug files.
            var entries = AssertRuntimePackage("linux-x64", "tools/any/linux-x64/", "gosynth");
            Assert.DoesNotContain(entries, e => e.EndsWith(".dll", StringComparison.Ordinal) || e.EndsWith(".dbg", StringComparison.Ordinal) || e.EndsWith(".pdb", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task InstalledTool_RunsVersionStatusAndInitFromItsOwnSampleTree()
    {
        using var dir = new TempDirectory("gosynth-tool-run-");
        if (InstalledTool.IsNative)
        {
            // The command is the native program of the linux-x64 package itself (a link into its store folder), not the
            // launcher an install of the portable package would put there.
            var program = new FileInfo(tool.Command).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            Assert.True(program is not null, $"{tool.Command} is not a link to the installed program");
            Assert.Contains("/gosynth.linux-x64/", program, StringComparison.Ordinal);
            var head = new byte[4];
            await using (var file = File.OpenRead(program))
            {
                await file.ReadExactlyAsync(head, Ct);
            }

            Assert.Equal("\u007fELF"u8.ToArray(), head);
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(program)!, "gosynth.dll")), "the native package carries no assemblies");
        }

        var printed = await ToolProcess.RunAsync(tool.Command, ["version"], dir.Path, Ct);
        Assert.True(printed.Exit == 0, printed.Error);
        var expected = typeof(ExitCodes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal("gosynth " + expected, printed.Output.Trim());

        // Run outside the repository: the default tree is the one the tool carries.
        var status = await ToolProcess.RunAsync(tool.Command, ["status", "misc/hello", "--no-cache"], dir.Path, Ct);
        Assert.True(status.Exit == 0, status.Error);
        Assert.Matches(@"\* misc/hello +2\.12 +build", status.Output);

        var sample = dir.Combine("ports");
        var init = await ToolProcess.RunAsync(tool.Command, ["-C", dir.Combine("etc"), "init", "--sample-tree", sample, "--build-root", dir.Combine("synth")], dir.Path, Ct);
        Assert.True(init.Exit == 0, init.Error);
        Assert.True(File.Exists(Path.Combine(sample, "misc", "hello", "distinfo")));
        Assert.Contains($"Directory_portsdir = {sample}", File.ReadAllText(dir.Combine("etc", "dsynth.ini")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstalledTool_BuildsPortsInRealSlots_ThenFindsThemUpToDate()
    {
        RequireRootAndTools();
        using var dir = new TempDirectory("gosynth-tool-build-");
        var etc = dir.Combine("etc");
        var init = await ToolProcess.RunAsync(tool.Command, ["-C", etc, "init", "--sample-tree", dir.Combine("ports"), "--build-root", dir.Combine("synth")], dir.Path, Ct);
        Assert.True(init.Exit == 0, init.Error);

        // A real build: bmake in slots (mount namespaces, tmpfs, the ports framework), packages, the catalog.
        var build = await ToolProcess.RunAsync(tool.Command, ["-C", etc, "-y", "-S", "build", "misc/hello"], dir.Path, Ct);
        Assert.True(build.Exit == 0, build.Output + build.Error);
        foreach (var port in new[] { "ports-mgmt/pkg", "devel/libgreet", "devel/pkgconf", "misc/hello" })
        {
            Assert.Contains("success  " + port, build.Output, StringComparison.Ordinal);
        }

        var packages = dir.Combine("synth", "live_packages");
        Assert.True(File.Exists(Path.Combine(packages, "All", "hello-2.12.pkg")), build.Output);
        Assert.True(File.Exists(Path.Combine(packages, "packagesite.pkg")), build.Output);
        var mounts = dir.Combine("synth", "build") + "/";
        Assert.DoesNotContain(File.ReadLines("/proc/self/mountinfo"), l => l.Split(' ')[4].StartsWith(mounts, StringComparison.Ordinal));

        // The package is one pkg can read: the tool's own reader agrees on name and origin.
        var info = await ToolProcess.RunAsync(tool.Command, ["package-info", Path.Combine(packages, "All", "hello-2.12.pkg"), "--json"], dir.Path, Ct);
        Assert.True(info.Exit == 0, info.Error);
        Assert.Contains("\"misc/hello\"", info.Output, StringComparison.Ordinal);

        // Nothing changed: the next build builds nothing.
        var again = await ToolProcess.RunAsync(tool.Command, ["-C", etc, "-y", "-S", "build", "misc/hello"], dir.Path, Ct);
        Assert.True(again.Exit == 0, again.Output + again.Error);
        Assert.Contains("Built 0, failed 0", again.Output, StringComparison.Ordinal);
        Assert.Contains("up to date 4", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstalledTool_Serve_AnswersTheApiMetricsAndDashboard_AndBuildsWhatItIsAskedTo()
    {
        RequireRootAndTools();
        using var dir = new TempDirectory("gosynth-tool-serve-");
        var etc = dir.Combine("etc");
        var init = await ToolProcess.RunAsync(tool.Command, ["-C", etc, "init", "--sample-tree", dir.Combine("ports"), "--build-root", dir.Combine("synth")], dir.Path, Ct);
        Assert.True(init.Exit == 0, init.Error);

        var start = new ProcessStartInfo(tool.Command) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = dir.Path };
        foreach (var argument in new[] { "-C", etc, "serve", "--listen", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var server = Process.Start(start)!;
        try
        {
            // The first lines: the address, then the token shown once.
            using var lines = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            lines.CancelAfter(TimeSpan.FromSeconds(60));
            var served = await server.StandardOutput.ReadLineAsync(lines.Token) ?? "";
            var tokenLine = await server.StandardOutput.ReadLineAsync(lines.Token) ?? "";
            var address = Regex.Match(served, @"GoSynth serves (http://127\.0\.0\.1:\d+)/ ").Groups[1].Value;
            Assert.True(address.Length > 0, served + tokenLine + (server.HasExited ? await server.StandardError.ReadToEndAsync(Ct) : ""));
            var token = tokenLine[(tokenLine.LastIndexOf(' ') + 1)..];

            using var http = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz", Ct)).StatusCode);
            using (var ready = await http.GetAsync("/readyz", Ct))
            {
                Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync(Ct));
            }

            Assert.Contains("<html", await http.GetStringAsync("/", Ct), StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"openapi\"", await http.GetStringAsync("/api/v1/openapi.json", Ct), StringComparison.Ordinal);
            Assert.Contains("\"building\"", await http.GetStringAsync("/api/v1/status", Ct), StringComparison.Ordinal);
            using (var why = JsonDocument.Parse(await http.GetStringAsync("/api/v1/ports/misc/hello/why", Ct)))
            {
                Assert.Equal("build", why.RootElement.GetProperty("chain")[0].GetProperty("action").GetString());
            }

            // A build asked for over HTTP, with the token, runs in real slots and ends completed.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs") { Content = new StringContent("""{"ports":["misc/hello"]}""", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var started = await http.SendAsync(request, Ct);
            Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Ct));
            var location = started.Headers.Location!.ToString();
            var deadline = DateTime.UtcNow.AddMinutes(3);
            string outcome;
            do
            {
                await Task.Delay(200, Ct);
                using var run = JsonDocument.Parse(await http.GetStringAsync(location, Ct));
                outcome = run.RootElement.GetProperty("run").GetProperty("outcome").GetString()!;
            }
            while (outcome == "running" && DateTime.UtcNow < deadline);

            Assert.Equal("completed", outcome);
            Assert.True(File.Exists(dir.Combine("synth", "live_packages", "All", "hello-2.12.pkg")));
            var metrics = await http.GetStringAsync("/metrics", Ct);
            Assert.Contains("gosynth_builder_runs_total{outcome=\"completed\"} 1", metrics, StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private List<string> AssertRuntimePackage(string rid, string root, string program)
    {
        var file = InstalledTool.PackageFile(tool.Feed, $"gosynth.{rid}.");
        Assert.True(file is not null, $"no gosynth.{rid} package in the feed");
        using var zip = ZipFile.OpenRead(Path.Combine(tool.Feed, file));
        var nuspec = ReadNuspec(zip, $"gosynth.{rid}.nuspec");
        Assert.Equal("DotnetToolRidPackage", nuspec.PackageType);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains(root + program, entries);
        Assert.Contains(root + "samples/ports/Mk/bsd.port.mk", entries);
        Assert.Contains(root + "samples/ports/misc/hello/Makefile", entries);
        Assert.DoesNotContain(entries, e => e.Contains("/work/", StringComparison.Ordinal) || e.EndsWith("/.gitignore", StringComparison.Ordinal) || e.Contains("/work-", StringComparison.Ordinal));
        return entries;
    }

    private static void RequireRootAndTools()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "builds run in Linux slots");
        var uid = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.SkipUnless(uid == "0", "Linux slots mount filesystems and need root; run the tests as root (CI does)");
        foreach (var program in new[] { "/usr/bin/unshare", "/usr/bin/bmake" })
        {
            Assert.SkipUnless(File.Exists(program), $"{program} is missing; run eng/prereqs.sh");
        }
    }

    [Fact]
    public async Task LibraryPackage_Packed_NamesTheRepositoryAndItsSymbolsMapSourcesToIt()
    {
        var ct = Ct;
        using var dir = new TempDirectory("gosynth-pack-");

        var pack = await ToolProcess.RunAsync("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, "src", "GoSynth.Environment"), "--no-build", "-c", Configuration, "-nologo", "-v", "q", "-o", dir.Path], dir.Path, ct);
        Assert.True(pack.Exit == 0, pack.Output + pack.Error);

        var nupkg = Assert.Single(Directory.GetFiles(dir.Path, "GoSynth.Environment.*.nupkg"));
        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var nuspec = ReadNuspec(zip, "GoSynth.Environment.nuspec");
            Assert.Equal("https://github.com/gosynth/gosynth", nuspec.RepositoryUrl);
            Assert.Matches("^[0-9a-f]{40}$", nuspec.RepositoryCommit);
            Assert.Contains(zip.Entries, e => e.FullName == "README.md");
        }

        // SourceLink: the portable PDB in the symbol package maps the sources to raw files of that commit.
        var snupkg = Assert.Single(Directory.GetFiles(dir.Path, "GoSynth.Environment.*.snupkg"));
        using var symbols = ZipFile.OpenRead(snupkg);
        var pdb = symbols.Entries.Single(e => e.FullName.EndsWith("GoSynth.Environment.pdb", StringComparison.Ordinal));
        using var stream = pdb.Open();
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, ct);
        var text = Encoding.UTF8.GetString(memory.ToArray());
        Assert.Matches(@"https://raw\.githubusercontent\.com/gosynth/gosynth/[0-9a-f]{40}/\*", text);
    }

    private static (string Id, string? PackageType, string? RepositoryUrl, string? RepositoryCommit) ReadNuspec(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        var document = XDocument.Load(stream);
        var metadata = document.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        XElement? Child(XElement parent, string local) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == local);
        var repository = Child(metadata, "repository");
        var packageType = Child(metadata, "packageTypes") is { } types ? Child(types, "packageType")?.Attribute("name")?.Value : null;
        return (Child(metadata, "id")!.Value, packageType, repository?.Attribute("url")?.Value, repository?.Attribute("commit")?.Value);
    }
}

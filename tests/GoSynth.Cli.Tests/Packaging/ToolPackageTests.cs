using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Packaging;

/// <summary>
/// The gosynth .NET tool as a user gets it: the build's output packed (<c>dotnet pack --no-build</c>), installed with
/// <c>dotnet tool install</c> from that directory only, and run as a real process from outside the repository.
/// </summary>
[Collection(DotnetProcessCollection.Name)]
public sealed class ToolPackageTests
{
    private static readonly string Configuration =
        typeof(ToolPackageTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    [Fact]
    public async Task PackedTool_InstalledWithDotnetTool_RunsVersionStatusAndInitFromItsOwnSampleTree()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory("gosynth-tool-");
        var feed = dir.Combine("feed");

        var pack = await ToolProcess.RunAsync("dotnet", ["pack", Path.Combine(RepositoryPaths.Root, "src", "GoSynth.Cli"), "--no-build", "-c", Configuration, "-nologo", "-v", "q", "-o", feed], dir.Path, ct);
        Assert.True(pack.Exit == 0, pack.Output + pack.Error);
        var nupkg = Assert.Single(Directory.GetFiles(feed, "gosynth.*.nupkg"), f => !f.EndsWith(".snupkg", StringComparison.Ordinal));
        var version = Path.GetFileNameWithoutExtension(nupkg)["gosynth.".Length..];

        // The package: a DotnetTool named gosynth, with the repository element and the sample tree next to the assembly.
        using (var zip = ZipFile.OpenRead(nupkg))
        {
            var nuspec = ReadNuspec(zip, "gosynth.nuspec");
            Assert.Equal("gosynth", nuspec.Id);
            Assert.Equal("DotnetTool", nuspec.PackageType);
            Assert.Equal("https://github.com/gosynth/gosynth", nuspec.RepositoryUrl);
            Assert.Matches("^[0-9a-f]{40}$", nuspec.RepositoryCommit);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("tools/net10.0/any/gosynth.dll", entries);
            Assert.Contains("tools/net10.0/any/samples/ports/Mk/bsd.port.mk", entries);
            Assert.Contains("tools/net10.0/any/samples/ports/misc/hello/Makefile", entries);
            Assert.DoesNotContain(entries, e => e.Contains("/work/", StringComparison.Ordinal) || e.EndsWith("/.gitignore", StringComparison.Ordinal));
        }

        // Installed from the packed directory alone, with a private package cache so no earlier install is reused.
        var tools = dir.Combine("tools");
        var config = dir.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="packed" value="{feed}" /></packageSources></configuration>
            """);
        var install = await ToolProcess.RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "gosynth", "--add-source", feed, "--version", version, "--configfile", config], dir.Path, ct,
            ("NUGET_PACKAGES", dir.Combine("nuget-cache")));
        Assert.True(install.Exit == 0, install.Output + install.Error);
        var gosynth = Path.Combine(tools, "gosynth");

        var printed = await ToolProcess.RunAsync(gosynth, ["version"], dir.Path, ct);
        Assert.True(printed.Exit == 0, printed.Error);
        var expected = typeof(ExitCodes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal("gosynth " + expected, printed.Output.Trim());

        // Run outside the repository: the default tree is the one the tool carries.
        var status = await ToolProcess.RunAsync(gosynth, ["status", "misc/hello", "--no-cache"], dir.Path, ct);
        Assert.True(status.Exit == 0, status.Error);
        Assert.Matches(@"\* misc/hello +2\.12 +build", status.Output);

        var sample = dir.Combine("ports");
        var init = await ToolProcess.RunAsync(gosynth, ["-C", dir.Combine("etc"), "init", "--sample-tree", sample, "--build-root", dir.Combine("synth")], dir.Path, ct);
        Assert.True(init.Exit == 0, init.Error);
        Assert.True(File.Exists(Path.Combine(sample, "misc", "hello", "distinfo")));
        Assert.Contains($"Directory_portsdir = {sample}", File.ReadAllText(dir.Combine("etc", "dsynth.ini")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LibraryPackage_Packed_NamesTheRepositoryAndItsSymbolsMapSourcesToIt()
    {
        var ct = TestContext.Current.CancellationToken;
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

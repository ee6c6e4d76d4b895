using System.Reflection;
using System.Runtime.InteropServices;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Packaging;

/// <summary>
/// The gosynth tool as a user gets it, made once for the tests that use it: the packages of a feed (the one
/// eng/test.sh packed, named by <c>GOSYNTH_TOOL_FEED</c>; otherwise packed here from the build's output, which
/// takes minutes for the Native AOT package), installed with <c>dotnet tool install --tool-path</c> from that feed
/// alone, with a private package cache so no earlier install is reused.
/// </summary>
public sealed class InstalledTool : IAsyncLifetime
{
    private static readonly string Configuration =
        typeof(InstalledTool).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private readonly TempDirectory _directory = new("gosynth-tool-");

    /// <summary>The runtime package this machine gets: Native AOT <c>linux-x64</c> on such a machine, else the portable <c>any</c>.</summary>
    public static string RuntimePackage { get; } =
        OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64 ? "linux-x64" : "any";

    /// <summary>Whether this machine's runtime package is Native AOT.</summary>
    public static bool IsNative => RuntimePackage != "any";

    /// <summary>The directory the packages were taken from.</summary>
    public string Feed { get; private set; } = "";

    /// <summary>The packages' version.</summary>
    public string Version { get; private set; } = "";

    /// <summary>The installed command (<c>--tool-path</c>/gosynth).</summary>
    public string Command { get; private set; } = "";

    /// <summary>A scratch directory outside the repository, removed with the fixture.</summary>
    public TempDirectory Directory => _directory;

    public async ValueTask InitializeAsync()
    {
        var ct = CancellationToken.None;
        var feed = System.Environment.GetEnvironmentVariable("GOSYNTH_TOOL_FEED");
        if (string.IsNullOrEmpty(feed) || PackageFile(feed, "gosynth." + RuntimePackage + ".") is null)
        {
            // Run outside eng/test.sh: pack the pointer package from the build's output and the runtime packages.
            feed = _directory.Combine("feed");
            var project = Path.Combine(RepositoryPaths.Root, "src", "GoSynth.Cli");
            await PackAsync(["pack", project, "--no-build", "-c", Configuration, "-nologo", "-v", "q", "-o", feed], ct);
            foreach (var rid in IsNative ? new[] { RuntimePackage, "any" } : ["any"])
            {
                await PackAsync(["pack", project, "-r", rid, "-c", Configuration, "-nologo", "-v", "q", "-o", feed], ct);
            }
        }

        Feed = feed;
        var pointer = PackageFile(feed, "gosynth.") ?? throw new InvalidOperationException($"no gosynth pointer package in {feed}");
        Version = Path.GetFileNameWithoutExtension(pointer)["gosynth.".Length..];

        var tools = _directory.Combine("tools");
        var config = _directory.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="packed" value="{feed}" /></packageSources></configuration>
            """);
        var install = await ToolProcess.RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "gosynth", "--add-source", feed, "--version", Version, "--configfile", config], _directory.Path, ct,
            ("NUGET_PACKAGES", _directory.Combine("nuget-cache")));
        if (install.Exit != 0)
        {
            throw new InvalidOperationException("dotnet tool install failed: " + install.Output + install.Error);
        }

        Command = Path.Combine(tools, "gosynth");
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The file name of the package <paramref name="prefix"/> followed by a version (not a longer id).</summary>
    public static string? PackageFile(string feed, string prefix) =>
        System.IO.Directory.Exists(feed)
            ? System.IO.Directory.GetFiles(feed, prefix + "*.nupkg")
                .Select(Path.GetFileName)
                .FirstOrDefault(f => f!.Length > prefix.Length && char.IsAsciiDigit(f[prefix.Length]))
            : null;

    private async Task PackAsync(string[] arguments, CancellationToken ct)
    {
        var pack = await ToolProcess.RunAsync("dotnet", arguments, _directory.Path, ct);
        if (pack.Exit != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed: " + pack.Output + pack.Error);
        }
    }
}

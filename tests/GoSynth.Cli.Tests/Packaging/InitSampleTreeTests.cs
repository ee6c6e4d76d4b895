using System.CommandLine;
using GoSynth.Builder.Configuration;
using GoSynth.Cli.Commands;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Packaging;

/// <summary><c>gosynth init</c> on a machine without a ports tree: the offer of the sample tree, asked, answered by -y, or declined.</summary>
public sealed class InitSampleTreeTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(CliHost host, string[] defaults, params string[] args)
    {
        var root = new RootCommand();
        var global = new GlobalOptions();
        global.AddTo(root);
        root.Subcommands.Add(InitCommand.Create(global, host, defaults, RepositoryPaths.SamplePorts));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private static CliHost Terminal(string answers) => new() { Input = new StringReader(answers), InputIsTerminal = true };

    private static void AssertIsSampleCopy(string tree)
    {
        Assert.True(File.Exists(Path.Combine(tree, "Mk", "bsd.port.mk")), tree);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(RepositoryPaths.SamplePorts, "misc", "hello", "distinfo")),
            File.ReadAllBytes(Path.Combine(tree, "misc", "hello", "distinfo")));
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(tree, "Mk", "Scripts", "fetch.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(Directory.EnumerateDirectories(tree, "work", SearchOption.AllDirectories).Any(), "a build's work directory was copied");
        var misc = Path.Combine(RepositoryPaths.SamplePorts, "misc");
        var sourceFiles = Directory.EnumerateFiles(misc, "*", SearchOption.AllDirectories)
            .Count(f => !Path.GetRelativePath(misc, f).Split('/').Any(p => p == "work" || p.StartsWith("work-", StringComparison.Ordinal)));
        Assert.Equal(sourceFiles, Directory.EnumerateFiles(Path.Combine(tree, "misc"), "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Init_NoPortsTreeWithYes_CopiesSampleUnderBuildRootAndPointsTheConfigurationAtIt()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        var root = dir.Combine("synth");

        var (exit, output, error) = await RunAsync(new CliHost(), [dir.Combine("no-dports"), dir.Combine("no-ports")], "-C", etc, "-y", "init", "--build-root", root);

        Assert.True(exit == 0, error);
        var tree = Path.Combine(root, "sample-ports");
        Assert.Contains("copied the sample ports tree to " + tree, output, StringComparison.Ordinal);
        Assert.Contains(dir.Combine("no-ports"), output, StringComparison.Ordinal);
        AssertIsSampleCopy(tree);
        Assert.Equal(tree, DsynthConfiguration.Load(etc).PortsDirectory);
    }

    [Fact]
    public async Task Init_NoPortsTreeNoTerminalNoYes_DoesNotWaitAndSaysHowToGetTheSample()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        var root = dir.Combine("synth");
        var neverRead = new CliHost { Input = new ThrowingReader(), InputIsTerminal = false };

        var (exit, _, error) = await RunAsync(neverRead, [dir.Combine("none")], "-C", etc, "init", "--build-root", root);

        Assert.Equal(0, exit);
        Assert.Contains("-y", error, StringComparison.Ordinal);
        Assert.Contains("--sample-tree", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "sample-ports")));
        Assert.Equal(new BuilderOptions().PortsDirectory, DsynthConfiguration.Load(etc).PortsDirectory);
    }

    [Fact]
    public async Task Init_TerminalAnswersNo_WritesConfigurationWithoutSample()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        var root = dir.Combine("synth");

        var (exit, output, error) = await RunAsync(Terminal("n\n"), [dir.Combine("none")], "-C", etc, "init", "--build-root", root);

        Assert.True(exit == 0, error);
        Assert.Contains("[Y/n, or another directory]", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(root, "sample-ports")));
        Assert.True(File.Exists(Path.Combine(etc, "dsynth.ini")));
    }

    [Fact]
    public async Task Init_TerminalAnswersNonsenseThenADirectory_AsksAgainAndCopiesThere()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        var chosen = dir.Combine("my", "ports");

        var (exit, output, error) = await RunAsync(Terminal("maybe\n" + chosen + "\n"), [dir.Combine("none")], "-C", etc, "init", "--build-root", dir.Combine("synth"));

        Assert.True(exit == 0, error);
        Assert.Contains("'maybe' is neither yes, no nor a directory", output, StringComparison.Ordinal);
        AssertIsSampleCopy(chosen);
        Assert.Equal(chosen, DsynthConfiguration.Load(etc).PortsDirectory);
    }

    [Fact]
    public async Task Init_TerminalClosesWithoutAnswer_TakesItAsNo()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");

        var (exit, _, error) = await RunAsync(Terminal(""), [dir.Combine("none")], "-C", etc, "init", "--build-root", dir.Combine("synth"));

        Assert.True(exit == 0, error);
        Assert.False(Directory.Exists(dir.Combine("synth", "sample-ports")));
    }

    [Fact]
    public async Task Init_PortsTreeInDefaultPlace_UsesItWithoutAsking()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        var existing = dir.Combine("dports");
        Directory.CreateDirectory(existing);

        var (exit, output, error) = await RunAsync(new CliHost { Input = new ThrowingReader(), InputIsTerminal = true }, [existing], "-C", etc, "init", "--build-root", dir.Combine("synth"));

        Assert.True(exit == 0, error);
        Assert.DoesNotContain("sample", output, StringComparison.Ordinal);
        Assert.Equal(existing, DsynthConfiguration.Load(etc).PortsDirectory);
    }

    [Fact]
    public async Task Init_SampleTreeIntoNonEmptyDirectory_RefusesAndLeavesItAlone()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        var mine = dir.WriteFile("mine/notes.txt", "keep me");

        var (exit, _, error) = await RunAsync(new CliHost(), [dir.Combine("none")], "-C", etc, "init", "--sample-tree", dir.Combine("mine"));

        Assert.Equal(1, exit);
        Assert.Contains(dir.Combine("mine") + " is not empty", error, StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(mine));
        Assert.Single(Directory.EnumerateFileSystemEntries(dir.Combine("mine")));
        Assert.False(File.Exists(Path.Combine(etc, "dsynth.ini")));
        Assert.Empty(Directory.EnumerateDirectories(dir.Path, ".mine*"));
    }

    [Fact]
    public async Task Init_SampleTreeIntoExistingCopy_ReusesItUntouched()
    {
        using var dir = new TempDirectory();
        var tree = dir.Combine("ports");
        var (first, _, firstError) = await RunAsync(new CliHost(), [], "-C", dir.Combine("etc1"), "init", "--sample-tree", tree, "--build-root", dir.Combine("b1"));
        Assert.True(first == 0, firstError);
        var edited = dir.WriteFile("ports/misc/hello/local-note", "a local change");

        var (second, output, error) = await RunAsync(new CliHost(), [], "-C", dir.Combine("etc2"), "init", "--sample-tree", tree, "--build-root", dir.Combine("b2"));

        Assert.True(second == 0, error);
        Assert.Contains("holds a ports tree already", output, StringComparison.Ordinal);
        Assert.Equal("a local change", File.ReadAllText(edited));
    }

    [Fact]
    public async Task Init_ConfigurationExists_RefusesBeforeCopyingAnything()
    {
        using var dir = new TempDirectory();
        var etc = dir.Combine("etc");
        dir.WriteFile("etc/dsynth.ini", "[Global Configuration]\n");

        var (exit, _, error) = await RunAsync(new CliHost(), [dir.Combine("none")], "-C", etc, "-y", "init", "--build-root", dir.Combine("synth"));

        Assert.Equal(ExitCodes.Configuration, exit);
        Assert.Contains("exists already", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Combine("synth")));
    }

    [Fact]
    public async Task Init_PortsDirAndSampleTreeTogether_IsAUsageError()
    {
        using var dir = new TempDirectory();

        var (exit, _, error) = await RunAsync(new CliHost(), [], "-C", dir.Combine("etc"), "init", "--ports-dir", dir.Path, "--sample-tree", dir.Combine("s"));

        Assert.Equal(2, exit);
        Assert.Contains("--ports-dir and --sample-tree", error, StringComparison.Ordinal);
    }

    /// <summary>Fails the test if anything tries to read an answer.</summary>
    private sealed class ThrowingReader : TextReader
    {
        public override string? ReadLine() => throw new InvalidOperationException("init read from standard input");

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("init read from standard input");
    }
}

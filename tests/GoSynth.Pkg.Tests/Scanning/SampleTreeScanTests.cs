using System.Text.RegularExpressions;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Scanning;

/// <summary>The bundled sample tree through real bmake; expectations come from samples/ports/README.md.</summary>
public sealed partial class SampleTreeScanTests
{
    private static PkgOptions Options(TempDirectory work, string? searchPath = null, bool view = true) => new()
    {
        UseTargetView = view,
        PortsDirectory = RepositoryPaths.SamplePorts,
        MakeProgram = "bmake",
        Profile = TargetProfile.FreeBsd("14.2", "amd64", smpCpus: 2),
        WorkDirectory = work.Combine("work"),
        SearchPath = searchPath ?? "/usr/bin:/bin",
    };

    [Fact]
    public async Task ScanEverything_SampleTree_EveryNodeAnswersAsTheReadmeSays()
    {
        MiniPortsTree.RequireBmake();
        using var work = new TempDirectory();
        var options = Options(work);
        var scanner = new PortScanner(options, new GoSynth.Environment.Processes.ProcessRunner());

        var scan = await scanner.ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken);

        var expected = ReadmeAnswers(Path.Combine(options.ResolveWorkDirectory(), "empty"));
        if (GoSynth.Pkg.Scanning.Internal.TargetView.Unavailable(GoSynth.Pkg.Profiles.Internal.TargetBaseSystem.For(options.Profile!), options.SearchPath) is not null)
        {
            // Without the target view (not root, no unshare) the host answers the base system probes.
            foreach (var (node, lines) in GoSynth.Pkg.Tests.Samples.SampleTreeAnswers.OnHost())
            {
                expected[node] = lines.ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);
            }
        }

        Assert.Equal(23, scan.Results.Length);
        Assert.All(scan.Results, r => Assert.True(r.Status == PortQueryStatus.Found, r.Error));
        Assert.Equal(expected.Keys.Where(k => k is not ("editors/tedit" or "textproc/spell")).Order(StringComparer.Ordinal), scan.Results.Select(r => r.Id.ToString()));
        Assert.Equal("ports-mgmt/pkg", scan.BootstrapOrigin);
        Assert.Empty(scan.Notes);
        Assert.Equal(scan.Results.Select(r => r.Id), scan.Roots);
        foreach (var result in scan.Results)
        {
            var answers = expected[result.Id.ToString()];
            var m = result.Metadata!;
            Assert.Equal(answers.GetValueOrDefault("PKGVERSION", ""), m.Version);
            Assert.Equal(answers.GetValueOrDefault("PKGFILE:T", ""), m.PackageFile);
            Assert.Equal(answers.GetValueOrDefault("ALLFILES", ""), string.Join(' ', m.AllFiles));
            Assert.Equal(answers.GetValueOrDefault("DIST_SUBDIR", ""), m.DistSubdir);
            Assert.Equal(answers.GetValueOrDefault("MAKE_JOBS_NUMBER", ""), m.MakeJobsNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
            Assert.Equal(answers.GetValueOrDefault("IGNORE"), m.IgnoreReason);
            Assert.Equal(answers.GetValueOrDefault("SELECTED_OPTIONS", ""), string.Join(' ', m.SelectedOptions));
            Assert.Equal(answers.GetValueOrDefault("DESELECTED_OPTIONS", ""), string.Join(' ', m.DeselectedOptions));
            // Every node of a port reports the FLAVORS of the port's unflavored answer (default first), whatever its
            // own flavored query printed (textproc/spell@en prints "en de").
            Assert.Equal(expected[result.Id.Origin].GetValueOrDefault("FLAVORS", ""), string.Join(' ', m.Flavors));
            Assert.Equal(answers.GetValueOrDefault("USES", ""), string.Join(' ', m.Uses));
            foreach (var kind in Enum.GetValues<DependencyKind>())
            {
                var tokens = answers.GetValueOrDefault(kind.ToString().ToUpperInvariant() + "_DEPENDS", "")
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(t => !t.StartsWith("/nonexistent:", StringComparison.Ordinal));
                Assert.Equal(tokens, m.DependenciesOf(kind).Select(d => d.Raw));
            }
        }

        var meta = scan.Results.Single(r => r.Id.Origin == "misc/meta-samples").Metadata!;
        Assert.True(meta.IsMeta);
        Assert.Contains(meta.Dependencies, d => d.Port.ToString() == "editors/tedit@gui");
        var doc = scan.Results.Single(r => r.Id.Origin == "textproc/greet-doc").Metadata!;
        Assert.Contains(doc.Dependencies, d => d.Port.ToString() == "editors/tedit@tty" && d.Kind == DependencyKind.Run);
        Assert.Contains(doc.Dependencies, d => d.Port.ToString() == "devel/patchkit" && d.MakeTarget == "build");
    }

    [Fact]
    public async Task Scan_SampleTreeFrameworkVariables_CompilerProbeRunsOnceAndAnswersAreIdentical()
    {
        MiniPortsTree.RequireBmake();
        using var work = new TempDirectory();
        var bin = work.Combine("bin");
        var log = work.Combine("cc.log");
        var realCc = new[] { "/usr/bin/cc", "/bin/cc" }.FirstOrDefault(File.Exists);
        if (realCc is null)
        {
            Assert.Skip("no C compiler at /usr/bin/cc (eng/prereqs.sh installs gcc)");
        }

        work.WriteFile("bin/cc", $"#!/bin/sh\necho run >> '{log}'\nexec {realCc} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "cc"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        int Runs() => File.Exists(log) ? File.ReadAllLines(log).Length : 0;

        // On the host: the counting cc wrapper writes its log there (the target view would show it as /usr/bin/cc).
        var cached = Options(work, bin + ":/usr/bin:/bin", view: false);
        var withCache = await new PortScanner(cached, new GoSynth.Environment.Processes.ProcessRunner()).ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken);
        var probesWithCache = Runs();
        File.Delete(log);

        var uncached = Options(work, bin + ":/usr/bin:/bin", view: false);
        uncached.CacheFrameworkVariables = false;
        var runner = new CountingProcessRunner(new GoSynth.Environment.Processes.ProcessRunner());
        var withoutCache = await new PortScanner(uncached, runner).ScanToListAsync(ScanRequest.Everything, cancellationToken: TestContext.Current.CancellationToken);

        // One make call computes the framework variables, so the compiler runs once per scan, not once per port.
        Assert.Equal(1, probesWithCache);
        Assert.Equal(runner.Count, Runs());
        Assert.True(runner.Count >= 15);
        Assert.Equal(ResultText.Of(withoutCache.Results), ResultText.Of(withCache.Results));
    }

    /// <summary>Parses the README's "Expected make -V answers" blocks: origin → variable → value.</summary>
    private static Dictionary<string, Dictionary<string, string>> ReadmeAnswers(string localBase)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.SamplePorts, "README.md"));
        var answers = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (Match block in AnswerBlock().Matches(text))
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in block.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                values[line[..eq]] = line[(eq + 1)..]
                    .Replace("<tree>", RepositoryPaths.SamplePorts, StringComparison.Ordinal)
                    .Replace("<LOCALBASE>", localBase, StringComparison.Ordinal);
            }

            answers[block.Groups["id"].Value] = values;
        }

        Assert.True(answers.Count >= 16, "the README lists the expected answers of every port");
        return answers;
    }

    [GeneratedRegex(@"^#### `(?<id>[^`]+)`\s*\n+```\n(?<body>.*?)```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex AnswerBlock();
}

using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GoSynth.Testing;

namespace GoSynth.Pkg.Tests.Samples;

/// <summary>The sample framework's behaviour beyond the documented answers: errors, cacheable variables, options, jobs, distinfo.</summary>
public sealed partial class SampleTreeFrameworkTests : IDisposable
{
    private readonly TempDirectory _temp = new("gosynth-samples-");
    private readonly PortsTreeQuery _query;

    public SampleTreeFrameworkTests()
    {
        Directory.CreateDirectory(_temp.Combine("localbase"));
        _query = new PortsTreeQuery(RepositoryPaths.SamplePorts, _temp.Combine("localbase"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("OPSYS")]
    [InlineData("OSVERSION")]
    [InlineData("ARCH")]
    public async Task Query_TargetVariableMissing_FailsNamingIt(string variable)
    {
        Bmake.Require();
        var env = _query.Environment();
        env.Remove(variable);

        var result = await Bmake.RunAsync(["-C", Path.Combine(_query.Tree, "misc/hello"), "-VPKGVERSION"], env, Ct);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(variable + " is not set", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_UnknownFlavor_FailsListingTheFlavors()
    {
        Bmake.Require();

        var result = await _query.QueryAsync("editors/tedit", "motif", Ct);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Unknown flavor 'motif'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("tty gui", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_FlavorForUnflavoredPort_Fails()
    {
        Bmake.Require();

        var result = await _query.QueryAsync("misc/hello", "gui", Ct);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("has no FLAVORS", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortsEnvVars_EveryPort_NamesTheCompilerProbe()
    {
        Bmake.Require();
        foreach (var origin in _query.Origins())
        {
            var result = await _query.VariablesAsync(origin, ["PORTS_ENV_VARS"], Ct);
            Assert.True(result.ExitCode == 0, origin + ": " + result);
            var names = result.Lines[0].Split(' ');
            Assert.Contains(names, n => n.StartsWith("_CCVERSION_", StringComparison.Ordinal));
            Assert.Contains("_SMP_CPUS", names);
        }
    }

    [Fact]
    public async Task PortsEnvVars_PassedInEnvironment_GiveIdenticalAnswersForEveryNode()
    {
        Bmake.Require();
        var cached = await CachedVariablesAsync(new Dictionary<string, string>());
        Assert.Contains(cached.Keys, k => k.StartsWith("_CCVERSION_", StringComparison.Ordinal));

        foreach (var node in SampleTreeAnswers.Expected.Keys)
        {
            var (origin, flavor) = SampleTreeQueryTests.Split(node);
            var plain = await _query.QueryAsync(origin, flavor, Ct);
            var withCache = await _query.QueryAsync(origin, flavor, Ct, cached);
            Assert.Equal(0, withCache.ExitCode);
            Assert.Equal(string.Empty, withCache.Stderr);
            Assert.Equal(plain.Stdout, withCache.Stdout);
        }
    }

    [Fact]
    public async Task PortsEnvVars_PassedInEnvironment_SkipTheCompilerProbe()
    {
        Bmake.Require();
        // A compiler that records each time it is asked its version.
        var marker = _temp.Combine("probes");
        var compiler = _temp.WriteFile("fakecc", $"#!/bin/sh\necho probe >> '{marker}'\necho 'FreeBSD clang version 18.1.6 (https://github.com/llvm/llvm-project.git)'\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(compiler, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var withCc = new Dictionary<string, string> { ["CC"] = compiler };

        var cached = await CachedVariablesAsync(withCc);
        var probesToFillCache = File.ReadAllLines(marker).Length;
        var answer = await _query.VariablesAsync("misc/hello", ["COMPILER_TYPE", "COMPILER_VERSION"], Ct, withCc);
        var probesUncached = File.ReadAllLines(marker).Length - probesToFillCache;
        var cachedAnswer = await _query.VariablesAsync("misc/hello", ["COMPILER_TYPE", "COMPILER_VERSION"], Ct, new Dictionary<string, string>(cached) { ["CC"] = compiler });
        var probesCached = File.ReadAllLines(marker).Length - probesToFillCache - probesUncached;

        Assert.Equal(["clang", "181"], answer.Lines);
        Assert.Equal(answer.Stdout, cachedAnswer.Stdout);
        Assert.Equal(1, probesUncached);
        Assert.Equal(0, probesCached);
    }

    [Theory]
    [InlineData("net/fetchit", "8", "4")]
    [InlineData("misc/hello", "8", "8")]
    [InlineData("textproc/wordcount", "8", "1")]
    [InlineData("net/fetchit", "3", "3")]
    public async Task MakeJobsNumber_FromSmpCpus_CappedAndUnsafe(string origin, string cpus, string expected)
    {
        Bmake.Require();

        var result = await _query.VariablesAsync(origin, ["MAKE_JOBS_NUMBER"], Ct, new Dictionary<string, string> { ["_SMP_CPUS"] = cpus });

        Assert.Equal([expected], result.Lines);
    }

    [Fact]
    public async Task Options_SetAndUnsetFromUser_ChangeSelectionAndDependencies()
    {
        Bmake.Require();

        var result = await _query.VariablesAsync(
            "misc/hello",
            ["SELECTED_OPTIONS", "DESELECTED_OPTIONS", "RUN_DEPENDS", "CFLAGS"],
            Ct,
            extraArguments: ["OPTIONS_SET=WORDS", "misc_hello_UNSET=COLOR"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("DOCS WORDS", result.Lines[0]);
        Assert.Equal("COLOR", result.Lines[1]);
        Assert.Equal("wordcount:textproc/wordcount", result.Lines[2]);
        Assert.DoesNotContain("-DHELLO_COLOR", result.Lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CategoryMakefiles_ListEveryPortDirectory()
    {
        Bmake.Require();
        var listed = new List<string>();
        var top = await Bmake.RunAsync(["-C", _query.Tree, "-VSUBDIR"], _query.Environment(), Ct);
        Assert.True(top.ExitCode == 0, top.ToString());
        foreach (var category in top.Lines[0].Split(' '))
        {
            var result = await Bmake.RunAsync(["-C", Path.Combine(_query.Tree, category), "-VSUBDIR"], _query.Environment(), Ct);
            Assert.True(result.ExitCode == 0, result.ToString());
            listed.AddRange(result.Lines[0].Split(' ').Select(p => category + "/" + p));
        }

        Assert.Equal(_query.Origins(), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Distinfo_EveryPort_MatchesTheDistfilesInTheTree()
    {
        Bmake.Require();
        var checkedFiles = 0;
        foreach (var origin in _query.Origins())
        {
            var result = await _query.VariablesAsync(origin, ["ALLFILES", "DIST_SUBDIR", "MASTER_SITES"], Ct);
            var files = result.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var distinfo = Path.Combine(_query.Tree, origin, "distinfo");
            if (files.Length == 0)
            {
                Assert.False(File.Exists(distinfo), origin + " has no distfiles but a distinfo");
                continue;
            }

            Assert.StartsWith("file://" + _query.Tree + "/distfiles/", result.Lines[2], StringComparison.Ordinal);
            var lines = File.ReadAllLines(distinfo);
            Assert.Matches(TimestampLine(), lines[0]);
            foreach (var file in files)
            {
                var relative = result.Lines[1].Length == 0 ? file : result.Lines[1] + "/" + file;
                var path = Path.Combine(_query.Tree, "distfiles", relative);
                var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
                Assert.Contains($"SHA256 ({relative}) = {sha}", lines);
                Assert.Contains($"SIZE ({relative}) = {new FileInfo(path).Length}", lines);
                checkedFiles++;
            }

            Assert.True(File.Exists(Path.Combine(_query.Tree, origin, "pkg-descr")), origin + " has no pkg-descr");
        }

        Assert.True(checkedFiles >= 15);
    }

    private async Task<Dictionary<string, string>> CachedVariablesAsync(Dictionary<string, string> environment)
    {
        var names = await _query.VariablesAsync("ports-mgmt/pkg", ["PORTS_ENV_VARS"], Ct, environment);
        Assert.True(names.ExitCode == 0, names.ToString());
        var list = names.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = await _query.VariablesAsync("ports-mgmt/pkg", list, Ct, environment);
        Assert.Equal(list.Length, values.Lines.Count);
        return list.Zip(values.Lines).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^TIMESTAMP = [0-9]+$")]
    private static partial Regex TimestampLine();

    public void Dispose() => _temp.Dispose();
}

using System.Collections.Immutable;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Profiles;
using GoSynth.Pkg.Scanning.Internal;
using GoSynth.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Pkg.Tests.Scanning;

public sealed class FrameworkVariableProbeTests
{
    // Values that bmake's :Q must escape; NL holds a newline, which only the one-call form can carry.
    private const string ProbeMakefile = """
        .MAKE.EXPAND_VARIABLES=	yes
        _DOLLAR=	a$$b
        CCV=	cc (Debian 12.2.0-14+deb12u1) 12.2.0
        DOLLAR=	${_DOLLAR}
        EMPTY=
        EQUALS=	-DX=1 -DY==2
        TAB=	tab	here
        QUOTES=	it's "quoted" `cmd`; a&b|c<d>e*f?[g]{h}~i
        BACKSLASH=	back\slash
        NL=	line1${.newline}line2
        SKIPPED=	from-make
        PORTS_ENV_VARS=	CCV DOLLAR EMPTY EQUALS TAB QUOTES BACKSLASH SKIPPED CCV
        """;

    private static ScanContext Context(TempDirectory dir) => new()
    {
        PortsDirectory = dir.Combine("ports"),
        MakeProgram = "bmake",
        LocalBase = dir.Combine("empty"),
        Profile = TargetProfile.Native,
        BaseEnvironment = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
        {
            ["PATH"] = "/usr/bin:/bin",
            ["PORTSDIR"] = dir.Combine("ports"),
            ["__MAKE_CONF"] = "/dev/null",
            ["SKIPPED"] = "from-profile",
        }),
        QueryTimeout = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public async Task ComputeAsync_RealBmake_OneCallGivesTheTwoCallValues()
    {
        MiniPortsTree.RequireBmake();
        using var dir = new TempDirectory();
        dir.WriteFile("ports/ports-mgmt/pkg/Makefile", ProbeMakefile);
        var context = Context(dir);
        var runner = new CountingProcessRunner(new ProcessRunner());
        var probe = new FrameworkVariableProbe(new MakeInvoker(runner), NullLogger.Instance);

        var (one, oneCalls) = await probe.ComputeAsync(context, "ports-mgmt/pkg", TestContext.Current.CancellationToken);
        var (two, twoCalls) = await probe.ComputeWithTwoCallsAsync(context, "ports-mgmt/pkg", TestContext.Current.CancellationToken);

        Assert.Equal(1, oneCalls);
        Assert.Equal(2, twoCalls);
        Assert.Equal(3, runner.Count);
        Assert.Equal("cc (Debian 12.2.0-14+deb12u1) 12.2.0", one["CCV"]);
        Assert.Equal("a$b", one["DOLLAR"]);
        Assert.Equal("", one["EMPTY"]);
        Assert.Equal("-DX=1 -DY==2", one["EQUALS"]);
        Assert.Equal("tab\there", one["TAB"]);
        Assert.Equal("it's \"quoted\" `cmd`; a&b|c<d>e*f?[g]{h}~i", one["QUOTES"]);
        Assert.Equal(@"back\slash", one["BACKSLASH"]);
        Assert.False(one.ContainsKey("SKIPPED"));
        Assert.Equal(two, one);
    }

    [Fact]
    public async Task ComputeAsync_RealBmakeValueWithNewline_IsReadInOneCall()
    {
        MiniPortsTree.RequireBmake();
        using var dir = new TempDirectory();
        dir.WriteFile("ports/ports-mgmt/pkg/Makefile", ProbeMakefile.Replace("PORTS_ENV_VARS=\tCCV", "PORTS_ENV_VARS=\tNL CCV", StringComparison.Ordinal));
        var probe = new FrameworkVariableProbe(new MakeInvoker(new ProcessRunner()), NullLogger.Instance);

        var (values, calls) = await probe.ComputeAsync(Context(dir), "ports-mgmt/pkg", TestContext.Current.CancellationToken);

        Assert.Equal(1, calls);
        Assert.Equal("line1\nline2", values["NL"]);
        Assert.Equal("cc (Debian 12.2.0-14+deb12u1) 12.2.0", values["CCV"]);
    }

    [Theory]
    [InlineData("A B", "A=1 C=2")]
    [InlineData("A B", "A=1")]
    [InlineData("A B", "A=1 B=\"x\"")]
    public async Task ComputeAsync_AnswerCannotBeReadBack_FallsBackToTwoCalls(string names, string assignments)
    {
        using var dir = new TempDirectory();
        dir.WriteFile("ports/ports-mgmt/pkg/Makefile", "# scripted\n");
        var specs = new List<string[]>();
        var runner = new ScriptedProcessRunner(spec =>
        {
            var args = spec.Arguments.Where(a => a.StartsWith("-V", StringComparison.Ordinal)).ToArray();
            lock (specs)
            {
                specs.Add(args);
            }

            return args switch
            {
                ["-VPORTS_ENV_VARS", "-V" + FrameworkVariableProbe.QuotedAssignments] => (0, [names, assignments], ""),
                ["-VPORTS_ENV_VARS"] => (0, ["A B"], ""),
                ["-VA", "-VB"] => (0, ["1", "x y"], ""),
                _ => (1, [], "unexpected call"),
            };
        });
        var probe = new FrameworkVariableProbe(new MakeInvoker(runner), NullLogger.Instance);

        var (values, calls) = await probe.ComputeAsync(Context(dir), "ports-mgmt/pkg", TestContext.Current.CancellationToken);

        Assert.Equal(3, calls);
        Assert.Equal(3, specs.Count);
        Assert.Equal(["A", "B"], values.Keys);
        Assert.Equal("1", values["A"]);
        Assert.Equal("x y", values["B"]);
    }

    [Fact]
    public async Task ComputeAsync_NoFrameworkVariables_OneCallAndEmpty()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("ports/ports-mgmt/pkg/Makefile", "# scripted\n");
        var runner = new ScriptedProcessRunner(_ => (0, ["", ""], ""));
        var probe = new FrameworkVariableProbe(new MakeInvoker(runner), NullLogger.Instance);

        var (values, calls) = await probe.ComputeAsync(Context(dir), "ports-mgmt/pkg", TestContext.Current.CancellationToken);

        Assert.Equal(1, calls);
        Assert.Equal(1, runner.Calls);
        Assert.Empty(values);
    }
}

using System.Collections.Immutable;
using GoSynth.BuildDb;
using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Planning;

public sealed class PlanFingerprintsTests
{
    private static PortGraph Graph() => new GraphBuilder()
        .Port("devel/app", p => p.Build("devel/tool", "devel/tool-extra").Lib("devel/libfoo").Run("devel/libfoo"))
        .Port("devel/tool", p => p.Version("2.0_1,1"))
        .Port("devel/tool-extra", p => p.Version("0.9"))
        .Port("devel/libfoo", p => p.Version("1.4"))
        .Port("devel/user", p => p.Lib("devel/app"))
        .NotFound("misc/gone")
        .Port("misc/needsgone", p => p.Run("misc/gone"))
        .Request("devel/user", "misc/needsgone")
        .Build();

    private static PortId Id(string id) => PlanFixture.Id(id);

    [Fact]
    public void For_Node_DependenciesSortedByNodeWithVersionsAndThePlansFramework()
    {
        using var f = new PlanFixture(Graph());
        var plan = f.Plan();

        var inputs = PlanFingerprints.For(plan, f.Graph[Id("devel/app")]);

        // Sorted by node id: "devel/tool" before "devel/tool-extra", although '-' sorts before '='.
        Assert.Equal("devel/libfoo=1.4 devel/tool=2.0_1,1 devel/tool-extra=0.9", inputs.Dependencies);
        Assert.Equal(string.Empty, inputs.Options);
        Assert.NotNull(plan.FrameworkFingerprint);
        Assert.Equal(plan.FrameworkFingerprint, inputs.FrameworkFingerprint);
        Assert.Equal(string.Empty, PlanFingerprints.For(plan, f.Graph[Id("devel/tool")]).Dependencies);
    }

    [Fact]
    public void For_NodeOfAnotherGraphOrWithoutMetadata_RefusedNamingTheNode()
    {
        using var f = new PlanFixture(Graph());
        var plan = f.Plan();

        var other = Assert.Throws<ArgumentException>(() => PlanFingerprints.For(plan, Graph()[Id("devel/app")]));
        var gone = Assert.Throws<ArgumentException>(() => PlanFingerprints.For(plan, f.Graph[Id("misc/gone")]));

        Assert.Contains("devel/app", other.Message, StringComparison.Ordinal);
        Assert.Contains("misc/gone", gone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_ResultAndRecord_CarryTheThreeValuesAndKeepTheRest()
    {
        var inputs = new PortBuildInputs("DOCS X11", 42, "devel/tool=2.0");

        var result = inputs.ApplyTo(new AttemptResult(AttemptStatus.Success) { PackageFile = "app-1.0.pkg", Fingerprint = 7 });
        var record = inputs.ApplyTo(new AttemptRecord("devel/app", "1.0", AttemptStatus.Success) { Reason = "r" });

        Assert.Equal(("DOCS X11", (uint?)42, "devel/tool=2.0", "app-1.0.pkg", (uint?)7), (result.Options, result.FrameworkFingerprint, result.Dependencies, result.PackageFile, result.Fingerprint));
        Assert.Equal(("DOCS X11", (uint?)42, "devel/tool=2.0", "r"), (record.Options, record.FrameworkFingerprint, record.Dependencies, record.Reason));
    }

    [Fact]
    public void Create_DependencyAtAnotherVersionNotRebuiltNow_DependenciesChangedNamingTheVersions()
    {
        using var f = new PlanFixture(Graph());
        f.History.SetLastSuccess(Id("devel/app"), f.Previous("devel/app") with
        {
            DependencyVersions = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
                KeyValuePair.Create("devel/libfoo", "1.3"),
                KeyValuePair.Create("devel/tool", "2.0_1,1"),
            ]),
        });

        var plan = f.Plan();

        var entry = plan[Id("devel/app")];
        Assert.Equal((PlanAction.Build, PlanReasonKind.DependenciesChanged), (entry.Action, entry.Kind));
        Assert.Equal("dependencies changed (devel/libfoo 1.3 → 1.4)", entry.Reason);
        Assert.Equal(Id("devel/libfoo"), entry.Cause);
        Assert.Equal("depends on devel/app, which is rebuilt", plan[Id("devel/user")].Reason);
    }

    [Fact]
    public void Create_DependencyRebuiltInThisRun_SaysRebuiltNotVersionChanged()
    {
        using var f = new PlanFixture(Graph());
        f.History.SetLastSuccess(Id("devel/app"), f.Previous("devel/app") with
        {
            DependencyVersions = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("devel/libfoo", "1.3")]),
        });

        var entry = f.Plan(Id("devel/libfoo"))[Id("devel/app")];

        Assert.Equal((PlanReasonKind.DependencyRebuilt, "depends on devel/libfoo, which is rebuilt"), (entry.Kind, entry.Reason));
    }

    [Fact]
    public void Create_SameVersionsRecorded_UpToDate()
    {
        var graph = Graph();
        using var f = new PlanFixture(graph);
        var plan = f.Plan();
        foreach (var node in graph.Nodes.Where(n => f.History.GetLastSuccess(n.Id) is not null))
        {
            var inputs = PlanFingerprints.For(plan, node);
            var versions = inputs.Dependencies.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('='))
                .ToImmutableDictionary(e => e[0], e => e[1], StringComparer.Ordinal);
            f.History.SetLastSuccess(node.Id, f.Previous(node.Id.ToString()) with { DependencyVersions = versions });
        }

        Assert.Equal(0, f.Plan().CountOf(PlanAction.Build));
    }
}

using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Planning;

public sealed class BuildPlannerTests
{
    private static PortGraph Graph() => new GraphBuilder()
        .Port("devel/app", p => p.Build("devel/tool").Lib("devel/libfoo"))
        .Port("devel/tool")
        .Port("devel/libfoo")
        .Port("devel/user", p => p.Lib("devel/app"))
        .Port("misc/broken", p => p.Ignore("does not build on this OS\nsecond line"))
        .Port("misc/needsbroken", p => p.Run("misc/broken"))
        .Port("misc/meta", p => p.Meta().Run("devel/tool"))
        .NotFound("misc/gone")
        .Port("misc/needsgone", p => p.Run("misc/gone"))
        .Request("devel/user", "misc/needsbroken", "misc/meta", "misc/needsgone")
        .Build();

    private static PortId Id(string id) => PlanFixture.Id(id);

    [Fact]
    public void Create_NothingChanged_EveryBuildableNodeUpToDateAndOthersByGraphState()
    {
        using var f = new PlanFixture(Graph());

        var plan = f.Plan();

        Assert.Equal(PlanAction.UpToDate, plan[Id("devel/app")].Action);
        Assert.Equal("up to date (app-1.0.pkg)", plan[Id("devel/app")].Reason);
        Assert.Equal(PlanAction.Ignored, plan[Id("misc/broken")].Action);
        Assert.Equal("IGNORE: does not build on this OS …", plan[Id("misc/broken")].Reason);
        Assert.Equal(PlanAction.Skipped, plan[Id("misc/needsbroken")].Action);
        Assert.Equal(PlanReasonKind.DependencyUnbuildable, plan[Id("misc/needsbroken")].Kind);
        Assert.StartsWith("depends on misc/broken, which is ignored", plan[Id("misc/needsbroken")].Reason, StringComparison.Ordinal);
        Assert.Equal(Id("misc/broken"), plan[Id("misc/needsbroken")].Cause);
        Assert.Equal(PlanAction.Meta, plan[Id("misc/meta")].Action);
        Assert.Equal(PlanAction.Unbuildable, plan[Id("misc/gone")].Action);
        Assert.Equal(PlanReasonKind.NotFound, plan[Id("misc/gone")].Kind);
        Assert.Equal(PlanAction.Skipped, plan[Id("misc/needsgone")].Action);
        Assert.Equal(0, plan.CountOf(PlanAction.Build));
    }

    [Fact]
    public void Create_NeverBuilt_NewPortAndDependentsRebuilt()
    {
        var graph = Graph();
        using var f = new PlanFixture(graph);
        var fresh = new BuildHistorySnapshot();
        foreach (var node in graph.Nodes.Where(n => n.Id.Origin != "devel/libfoo" && f.History.GetLastSuccess(n.Id) is not null))
        {
            fresh.SetLastSuccess(node.Id, f.History.GetLastSuccess(node.Id)!);
        }

        var plan = BuildPlanner.Create(graph, fresh, new PlanOptions { PortsDirectory = f.Ports, RepositoryDirectory = f.Repository }, TestContext.Current.CancellationToken);

        Assert.Equal((PlanAction.Build, PlanReasonKind.NewPort, "new port"), (plan[Id("devel/libfoo")].Action, plan[Id("devel/libfoo")].Kind, plan[Id("devel/libfoo")].Reason));
        Assert.Equal("depends on devel/libfoo, which is rebuilt", plan[Id("devel/app")].Reason);
        Assert.Equal("depends on devel/app, which is rebuilt", plan[Id("devel/user")].Reason);
        Assert.Equal(PlanAction.UpToDate, plan[Id("devel/tool")].Action);
        Assert.Equal(["devel/user", "devel/app", "devel/libfoo"], plan.Why(Id("devel/user")).Select(e => e.Id.ToString()));
    }

    [Fact]
    public void Create_VersionChanged_SaysOldAndNewVersion()
    {
        using var f = new PlanFixture(Graph());
        f.History.SetLastSuccess(Id("devel/tool"), f.Previous("devel/tool") with { Version = "0.9" });

        var entry = f.Plan()[Id("devel/tool")];

        Assert.Equal((PlanAction.Build, PlanReasonKind.VersionChanged), (entry.Action, entry.Kind));
        Assert.Equal("version 0.9 → 1.0", entry.Reason);
    }

    [Fact]
    public void Create_PackageFileDeleted_PackageMissing()
    {
        using var f = new PlanFixture(Graph());
        File.Delete(Path.Combine(f.Repository, "tool-1.0.pkg"));

        var entry = f.Plan()[Id("devel/tool")];

        Assert.Equal(PlanReasonKind.PackageMissing, entry.Kind);
        Assert.Equal("package file missing (tool-1.0.pkg)", entry.Reason);
    }

    [Fact]
    public void Create_PatchEdited_FingerprintChangedNamesTheFile()
    {
        using var f = new PlanFixture(Graph());
        File.WriteAllText(Path.Combine(f.Ports, "devel/tool/files/patch-main.c"), "--- a\n+++ b\n+changed\n");

        var plan = f.Plan();

        Assert.Equal(PlanReasonKind.FingerprintChanged, plan[Id("devel/tool")].Kind);
        Assert.Equal("fingerprint changed (files/patch-main.c)", plan[Id("devel/tool")].Reason);
        Assert.Equal("depends on devel/tool, which is rebuilt", plan[Id("devel/app")].Reason);
        Assert.Equal(PlanAction.UpToDate, plan[Id("devel/libfoo")].Action);
    }

    [Fact]
    public void Create_FileDeleted_FingerprintChangedWithoutName()
    {
        using var f = new PlanFixture(Graph());
        File.Delete(Path.Combine(f.Ports, "devel/tool/files/patch-main.c"));

        Assert.Equal("fingerprint changed", f.Plan()[Id("devel/tool")].Reason);
    }

    [Fact]
    public void Create_NoFingerprintRecorded_Rebuilt()
    {
        using var f = new PlanFixture(Graph());
        f.History.SetLastSuccess(Id("devel/tool"), f.Previous("devel/tool") with { Fingerprint = null });

        Assert.Equal(PlanReasonKind.FingerprintUnknown, f.Plan()[Id("devel/tool")].Kind);
    }

    [Fact]
    public void Create_OptionsChanged_SaysWhichOptions()
    {
        using var f = new PlanFixture(Graph());
        f.History.SetLastSuccess(Id("devel/tool"), f.Previous("devel/tool") with { Options = ["DOCS", "X11"] });

        var entry = f.Plan()[Id("devel/tool")];

        Assert.Equal(PlanReasonKind.OptionsChanged, entry.Kind);
        Assert.Equal("options changed (-DOCS -X11)", entry.Reason);
    }

    [Fact]
    public void Create_FrameworkChanged_EveryRecordedPortRebuilt()
    {
        using var f = new PlanFixture(Graph());
        File.AppendAllText(Path.Combine(f.Ports, "Mk", "bsd.port.mk"), "# edited\n");

        var plan = f.Plan();

        Assert.Equal("framework (Mk) changed", plan[Id("devel/libfoo")].Reason);
        Assert.Equal(PlanReasonKind.FrameworkChanged, plan[Id("devel/app")].Kind);
    }

    [Fact]
    public void Create_DependencySetChanged_SaysWhatWasAddedAndRemoved()
    {
        using var f = new PlanFixture(Graph());
        f.History.SetLastSuccess(Id("devel/app"), f.Previous("devel/app") with { Dependencies = ["devel/tool", "devel/old"] });

        var entry = f.Plan()[Id("devel/app")];

        Assert.Equal(PlanReasonKind.DependenciesChanged, entry.Kind);
        Assert.Equal("dependencies changed (+devel/libfoo -devel/old)", entry.Reason);
    }

    [Fact]
    public void Create_Force_NamedPortAndItsDependentsRebuiltOthersNot()
    {
        using var f = new PlanFixture(Graph());

        var plan = f.Plan(Id("devel/app"));

        Assert.Equal((PlanAction.Build, "forced"), (plan[Id("devel/app")].Action, plan[Id("devel/app")].Reason));
        Assert.Equal("depends on devel/app, which is rebuilt", plan[Id("devel/user")].Reason);
        Assert.Equal(PlanAction.UpToDate, plan[Id("devel/tool")].Action);
        Assert.Equal(2, plan.CountOf(PlanAction.Build));
        Assert.Equal(["devel/app", "devel/user"], plan.ToBuild.Select(e => e.Id.ToString()));
    }

    [Fact]
    public void Create_Plan_IsAnImmutableValuePerNode()
    {
        using var f = new PlanFixture(Graph());

        var plan = f.Plan();

        Assert.Equal(f.Graph.Count, plan.Entries.Length);
        Assert.All(f.Graph.Nodes, n => Assert.Equal(n.Id, plan.Entries[n.Index].Id));
    }

    [Fact]
    public void Create_Plan_SerializesForTheCli()
    {
        using var f = new PlanFixture(Graph());
        var plan = f.Plan(Id("devel/app"));

        var json = System.Text.Json.JsonSerializer.Serialize(plan.Why(Id("devel/user")));

        Assert.Contains("\"Reason\":\"depends on devel/app, which is rebuilt\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Origin\":\"devel/app\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Reason\":\"forced\"", json, StringComparison.Ordinal);
    }
}

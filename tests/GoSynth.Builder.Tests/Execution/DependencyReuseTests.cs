using GoSynth.Builder.Scheduling;
using GoSynth.Pkg.Graph;
using GoSynth.Testing;

namespace GoSynth.Builder.Tests.Execution;

/// <summary>Dependency installation and reuse in a real Linux slot: order, counts, resets, and no stray package ever present.</summary>
[Collection(nameof(LocalSlotExecutorTests))]
public sealed class DependencyReuseTests
{
    private const string NeedsBoth = "DO_build=\t@for m in liba libb; do test -f /usr/local/share/$$m/marker || { echo \"dependency $$m missing\"; exit 1; }; done; echo both dependencies present";
    private const string Alone = "DO_build=\t@for m in liba libb junk; do ! test -e /usr/local/share/$$m || { echo \"stray $$m present\"; exit 1; }; done; test -f /usr/local/share/libc/marker";
    private const string NoJunk = "DO_build=\t@! test -e /usr/local/share/junk || { echo 'stray junk present'; exit 1; }";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<PortGraph> TreeAsync(ExecutorTestBed bed)
    {
        await bed.AddPortAsync("devel/liba");
        await bed.AddPortAsync("devel/libc");
        await bed.AddPortAsync("devel/libb", "1.0", null, NoJunk);
        await bed.AddPortAsync("misc/user", "1.0", null, NeedsBoth);
        await bed.AddPortAsync("misc/solo", "1.0", null, Alone);
        await bed.AddPortAsync("misc/dirty", "1.0", null, "DO_build=\t@touch /usr/local/share/junk");
        return new GraphBuilder()
            .Port("devel/liba")
            .Port("devel/libc")
            .Port("devel/libb", p => p.Run("devel/liba"))
            .Port("misc/user", p => p.Lib("devel/libb"))
            .Port("misc/solo", p => p.Build("devel/libc"))
            .Port("misc/dirty", p => p.Build("devel/liba"))
            .Build();
    }

    private static async Task<PortBuildOutcome> BuildAsync(Builder.Execution.LocalSlotExecutor executor, PortGraph graph, string id)
    {
        var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, id), Ct);
        Assert.True(outcome.Succeeded, $"{id}: {outcome.Phase}: {outcome.Message}\n{outcome.LogExcerpt}");
        return outcome;
    }

    [Fact]
    public async Task BuildAsync_ClosureWithoutReuse_InstallsEveryPackageInOrderFirst()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        var graph = await TreeAsync(bed);
        var executor = await bed.StartAsync(o => o.ReuseDependencies = false);
        await BuildAsync(executor, graph, "devel/liba");
        await BuildAsync(executor, graph, "devel/libb");

        var user = await BuildAsync(executor, graph, "misc/user");

        Assert.Equal((2, 0), (user.InstalledPackages, user.ReusedPackages));
        Assert.Equal("install-pkgs", user.Phases[0].Phase);
        Assert.Equal("install-pkgs", bed.PhaseEvents("misc/user")[0]);
        var log = File.ReadAllLines(user.LogFile!);
        var a = Array.IndexOf(log, "=> Installing liba-1.0.pkg (devel/liba)");
        var b = Array.IndexOf(log, "=> Installing libb-1.0.pkg (devel/libb)");
        Assert.True(a > 0 && b > a, string.Join('\n', log));
        Assert.Contains("=> Resetting slot SL01: dependency reuse is off", log);
        Assert.Contains("both dependencies present", log);
        Assert.Equal(0, executor.CountHeld(0, ExecutorTestBed.Request(graph, "misc/user")));
    }

    [Fact]
    public async Task BuildAsync_DependencyNotInstalled_FailsInBuild()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        var graph = await TreeAsync(bed);
        var executor = await bed.StartAsync();
        var user = graph.Nodes.Single(n => n.Id.Origin == "misc/user");

        var outcome = await executor.BuildAsync(new PortBuildRequest(user, [], 0), Ct);

        Assert.Equal(("build", false), (outcome.Phase, outcome.Succeeded));
        Assert.Contains("dependency liba missing", outcome.LogExcerpt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_DependencyPackageMissing_FailsInInstallPkgs()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        var graph = await TreeAsync(bed);
        var executor = await bed.StartAsync();

        var outcome = await executor.BuildAsync(ExecutorTestBed.Request(graph, "devel/libb"), Ct);

        Assert.Equal(("install-pkgs", "the package of dependency devel/liba is missing: /packages/All/liba-1.0.pkg"), (outcome.Phase, outcome.Message));
        Assert.DoesNotContain(outcome.Phases, p => p.Phase == "fetch");
    }

    [Fact]
    public async Task BuildAsync_Reuse_KeepsASubsetInstallsTheDifferenceAndResetsForAStranger()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        var graph = await TreeAsync(bed);
        var executor = await bed.StartAsync();
        await BuildAsync(executor, graph, "devel/liba");
        await BuildAsync(executor, graph, "devel/libc");

        var libb = await BuildAsync(executor, graph, "devel/libb");
        Assert.Equal((1, 0), (libb.InstalledPackages, libb.ReusedPackages));
        Assert.Equal(["devel/liba"], executor.GetHeldPackages(0));
        Assert.Equal(1, executor.CountHeld(0, ExecutorTestBed.Request(graph, "misc/user")));

        var user = await BuildAsync(executor, graph, "misc/user");
        Assert.Equal((1, 1), (user.InstalledPackages, user.ReusedPackages));
        var userLog = File.ReadAllLines(user.LogFile!);
        Assert.Contains("=> Slot SL01 already holds 1 of the 2 dependency packages: devel/liba", userLog);
        Assert.DoesNotContain(userLog, l => l.StartsWith("=> Resetting", StringComparison.Ordinal));
        Assert.Contains("+ find /construction -xdev -mindepth 1 -delete", userLog);
        Assert.Equal(["devel/liba", "devel/libb"], executor.GetHeldPackages(0));
        Assert.Equal(2, executor.CountHeld(0, ExecutorTestBed.Request(graph, "misc/user")));
        Assert.Equal(0, executor.CountHeld(0, ExecutorTestBed.Request(graph, "misc/solo")));

        var solo = await BuildAsync(executor, graph, "misc/solo");
        Assert.Equal((1, 0), (solo.InstalledPackages, solo.ReusedPackages));
        Assert.Contains("=> Resetting slot SL01: it holds devel/liba, which this port does not depend on", File.ReadAllLines(solo.LogFile!));
        Assert.Equal(["devel/libc"], executor.GetHeldPackages(0));
    }

    [Fact]
    public async Task BuildAsync_BuildWroteIntoLocalBase_NextPortGetsAResetSlot()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        var graph = await TreeAsync(bed);
        var executor = await bed.StartAsync();
        await BuildAsync(executor, graph, "devel/liba");
        await BuildAsync(executor, graph, "misc/dirty");
        Assert.Equal(0, executor.CountHeld(0, ExecutorTestBed.Request(graph, "devel/libb")));

        var libb = await BuildAsync(executor, graph, "devel/libb");

        Assert.Equal((1, 0), (libb.InstalledPackages, libb.ReusedPackages));
        Assert.Contains("=> Resetting slot SL01: the previous port left it in an unknown state", File.ReadAllLines(libb.LogFile!));
    }

    [Fact]
    public async Task BuildAsync_DependencyRebuiltUnderTheSameName_IsInstalledAgain()
    {
        ExecutorTestBed.RequireRoot();
        await using var bed = new ExecutorTestBed();
        var graph = await TreeAsync(bed);
        var executor = await bed.StartAsync();
        await BuildAsync(executor, graph, "devel/liba");
        await BuildAsync(executor, graph, "devel/libb");
        File.SetLastWriteTimeUtc(bed.PackagePath("liba-1.0.pkg"), DateTime.UtcNow.AddMinutes(1));

        var user = await BuildAsync(executor, graph, "misc/user");

        Assert.Equal((2, 0), (user.InstalledPackages, user.ReusedPackages));
        Assert.Contains(File.ReadAllLines(user.LogFile!), l => l.StartsWith("=> Resetting slot SL01: the package of devel/liba changed since it was installed", StringComparison.Ordinal));
    }
}

using System.Reflection;
using GoSynth.Testing;

namespace GoSynth.Cli.Tests.Packaging;

/// <summary>samples/scripts/plan.cs, the README's file-based program, run as a user runs it: <c>dotnet run plan.cs -- tree</c>.</summary>
[Collection(DotnetProcessCollection.Name)]
public sealed class PlanScriptTests
{
    private static readonly string Configuration =
        typeof(PlanScriptTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    [Fact]
    public async Task PlanScript_RunOnTheSampleTree_PrintsEveryPortInBuildOrderWithItsAction()
    {
        var ct = TestContext.Current.CancellationToken;
        var (exit, output, error) = await ToolProcess.RunAsync(
            "dotnet", ["run", "-c", Configuration, "samples/scripts/plan.cs", "--", "samples/ports"], RepositoryPaths.Root, ct);

        Assert.True(exit == 0, output + error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var actions = lines.Where(l => !l.StartsWith("plan:", StringComparison.Ordinal))
            .Select(l => l.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[1].TrimStart().Split(' ')[0], p => p[0], StringComparer.Ordinal);

        // Build order: the pkg port first, a library before its consumer; and the sample tree's special ports.
        Assert.Equal("ports-mgmt/pkg", actions.Keys.First());
        Assert.Equal("Build", actions["misc/hello"]);
        Assert.True(actions.Keys.ToList().IndexOf("devel/libgreet") < actions.Keys.ToList().IndexOf("misc/hello"));
        Assert.Contains(actions, a => a.Value == "Ignored");
        Assert.Contains(actions, a => a.Value == "Meta");
        Assert.Contains(actions, a => a.Value is "Skipped" or "Unbuildable");
        var summary = Assert.Single(lines, l => l.StartsWith("plan:", StringComparison.Ordinal));
        Assert.StartsWith($"plan: {actions.Count} ports, {actions.Count(a => a.Value == "Build")} to build", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanScript_WithoutATree_PrintsUsageAndExits2()
    {
        var (exit, _, error) = await ToolProcess.RunAsync(
            "dotnet", ["run", "-c", Configuration, "samples/scripts/plan.cs"], RepositoryPaths.Root, TestContext.Current.CancellationToken);

        Assert.Equal(2, exit);
        Assert.Contains("usage: dotnet run plan.cs -- <ports tree>", error, StringComparison.Ordinal);
    }
}

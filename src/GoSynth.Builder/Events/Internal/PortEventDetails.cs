using System.Collections.Immutable;
using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Events.Internal;

/// <summary>
/// The graph facts dsynth's log lines and hooks show with an event: how many ports a port depends on, how many depend
/// on it and how deep, the size of the packages installed for it, and how many ports a failure or an ignored port
/// takes down with it. Made once per run, and only when someone listens: the depth of every node is one pass over the
/// graph, the rest is worked out per event.
/// </summary>
internal sealed class PortEventDetails
{
    private readonly PortGraph _graph;
    private readonly BuildPlan? _plan;
    private readonly string? _repository;
    private int[]? _depth;

    /// <param name="graph">The whole graph of the run (not only the ports built).</param>
    /// <param name="plan">The run's plan, for the reasons of meta ports; null when there is none.</param>
    /// <param name="repositoryDirectory">Where the package files are; null reports no sizes.</param>
    public PortEventDetails(PortGraph graph, BuildPlan? plan, string? repositoryDirectory)
    {
        _graph = graph;
        _plan = plan;
        _repository = repositoryDirectory;
    }

    /// <summary>The graph the details are about.</summary>
    public PortGraph Graph => _graph;

    /// <summary><paramref name="started"/> with dsynth's <c>idep</c>, <c>depi</c> count and depth, and <c>dep</c> size.</summary>
    public PortStartedEvent Started(PortStartedEvent started, PortNode node, ImmutableArray<PortNode> installClosure) => started with
    {
        Dependencies = _graph.GetTransitiveDependencies(node).Length,
        Dependents = _graph.GetDependentCount(node),
        DependentDepth = Depth()[node.Index],
        DependencyBytes = InstalledBytes(installClosure),
    };

    /// <summary>Why a meta port is complete, as the plan says.</summary>
    public string MetaReason(PortNode node) => _plan?[node].Reason ?? "meta port: every dependency is built";

    /// <summary>
    /// The longest chain of ports above <paramref name="node"/> (0 when nothing depends on it): dsynth's
    /// <c>depi_depth</c>, one level per dependent.
    /// </summary>
    public int DependentDepth(PortNode node) => Depth()[node.Index];

    /// <summary>
    /// The estimated size the packages of <paramref name="installClosure"/> take once installed, from their files in the
    /// repository, as dsynth estimates it: the file's size times 1 for <c>.tar</c>, 3 for <c>.tgz</c>/<c>.tbz</c>, 5 for
    /// <c>.txz</c>/<c>.tzst</c>, 2 for anything else. A package not there (yet) counts 0.
    /// </summary>
    public long InstalledBytes(ImmutableArray<PortNode> installClosure)
    {
        if (_repository is null)
        {
            return 0;
        }

        long total = 0;
        foreach (var dependency in installClosure)
        {
            if (dependency.Metadata?.PackageFile is not { Length: > 0 } file)
            {
                continue;
            }

            var info = new FileInfo(Path.Combine(_repository, file));
            if (info.Exists)
            {
                total += info.Length * InstalledFactor(file);
            }
        }

        return total;
    }

    /// <summary>dsynth's multiplier from a package file's size to its installed size, by the file's extension.</summary>
    public static int InstalledFactor(string packageFile) => Path.GetExtension(packageFile) switch
    {
        ".tar" => 1,
        ".tgz" or ".tbz" => 3,
        ".txz" or ".tzst" => 5,
        _ => 2,
    };

    /// <summary>
    /// How many ports the plan does not build because of <paramref name="node"/>: its dependents, directly or not, that
    /// the plan skips.
    /// </summary>
    public int PlanSkippedDependents(PortNode node)
    {
        if (_plan is null)
        {
            return 0;
        }

        var count = 0;
        foreach (var dependent in _graph.GetTransitiveDependents(node))
        {
            if (_plan[dependent].Action == PlanAction.Skipped)
            {
                count++;
            }
        }

        return count;
    }

    private int[] Depth()
    {
        if (_depth is not null)
        {
            return _depth;
        }

        // Dependents come after their dependencies in topological order: walking it backwards, a node's depth is final
        // before it is handed down to its dependencies.
        var depth = new int[_graph.Count];
        var order = _graph.TopologicalOrder;
        for (var i = order.Length - 1; i >= 0; i--)
        {
            var node = order[i];
            foreach (var dependency in _graph.GetDirectDependencies(node))
            {
                depth[dependency.Index] = Math.Max(depth[dependency.Index], depth[node.Index] + 1);
            }
        }

        return _depth = depth;
    }
}

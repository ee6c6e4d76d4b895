using System.Collections.Concurrent;
using System.Collections.Immutable;
using GoSynth.Builder.Planning.Internal;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Planning;

/// <summary>
/// Decides, for every node of a graph, whether it is built and why. The up-to-date rule: the port built
/// successfully before, with the same PKGVERSION; the package file it makes now is in the repository; the port
/// directory's fingerprint is the one recorded; options, the framework (<c>Mk/</c>) and the set of dependencies are
/// unchanged where the history records them; no dependency is rebuilt; every dependency is at the version it had
/// then, where recorded; and the user did not force it.
/// </summary>
public static class BuildPlanner
{
    /// <summary>Plans <paramref name="graph"/> against <paramref name="history"/> and the repository.</summary>
    /// <param name="graph">The scanned graph.</param>
    /// <param name="history">The last successful builds.</param>
    /// <param name="options">Where the tree and the packages are, and what is forced.</param>
    /// <param name="cancellationToken">Stops fingerprinting.</param>
    public static BuildPlan Create(PortGraph graph, IBuildHistory history, PlanOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        var previous = new PreviousBuild?[graph.Count];
        foreach (var node in graph.Nodes)
        {
            previous[node.Index] = node.State == PortNodeState.Buildable ? history.GetLastSuccess(node.Id) : null;
        }

        var fingerprints = Fingerprint(graph, previous, options, cancellationToken);
        var framework = options.FrameworkFingerprint ?? FrameworkFingerprint(options.PortsDirectory, cancellationToken);
        var packages = ListRepository(options.RepositoryDirectory);
        var entries = new PlannedPort[graph.Count];
        foreach (var node in graph.TopologicalOrder)
        {
            entries[node.Index] = GraphStateMapping.Decide(node)
                ?? Decide(graph, node, previous[node.Index], fingerprints, framework, packages, options, entries);
        }

        return new BuildPlan(graph, entries, framework);
    }

    private static PlannedPort Decide(
        PortGraph graph, PortNode node, PreviousBuild? last, IReadOnlyDictionary<string, uint?> fingerprints, uint? framework,
        HashSet<string> packages, PlanOptions options, PlannedPort[] entries)
    {
        var metadata = node.Metadata!;
        PlannedPort Build(PlanReasonKind kind, string reason, PortId? cause = null) => new(node.Id, PlanAction.Build, kind, reason, cause);

        if (IsForced(node.Id, options.Force))
        {
            return Build(PlanReasonKind.Forced, "forced");
        }

        if (last is null)
        {
            return Build(PlanReasonKind.NewPort, "new port");
        }

        if (!string.Equals(last.Version, metadata.Version, StringComparison.Ordinal))
        {
            return Build(PlanReasonKind.VersionChanged, $"version {last.Version} → {metadata.Version}");
        }

        if (!packages.Contains(metadata.PackageFile))
        {
            return Build(PlanReasonKind.PackageMissing, $"package file missing ({metadata.PackageFile})");
        }

        var now = fingerprints.GetValueOrDefault(node.Id.Origin);
        if (last.Fingerprint is null || now is null)
        {
            return Build(PlanReasonKind.FingerprintUnknown, now is null ? "port directory could not be fingerprinted" : "no fingerprint recorded");
        }

        if (last.Fingerprint != now)
        {
            var files = ChangedFiles.Describe(Path.Combine(options.PortsDirectory, node.Id.Origin), last.Finished);
            return Build(PlanReasonKind.FingerprintChanged, "fingerprint changed" + files);
        }

        if (last.Options is { } before && Difference(before, metadata.SelectedOptions) is { } optionDiff)
        {
            return Build(PlanReasonKind.OptionsChanged, $"options changed ({optionDiff})");
        }

        if (last.FrameworkFingerprint is { } mk && framework is { } mkNow && mk != mkNow)
        {
            return Build(PlanReasonKind.FrameworkChanged, "framework (Mk) changed");
        }

        var dependencies = graph.GetDirectDependencies(node);
        if (last.Dependencies is { } depsBefore && Difference(depsBefore, [.. dependencies.Select(d => d.Id.ToString())]) is { } depDiff)
        {
            return Build(PlanReasonKind.DependenciesChanged, $"dependencies changed ({depDiff})");
        }

        foreach (var dependency in dependencies)
        {
            if (entries[dependency.Index].Action == PlanAction.Build)
            {
                return Build(PlanReasonKind.DependencyRebuilt, $"depends on {dependency.Id}, which is rebuilt", dependency.Id);
            }
        }

        // A dependency rebuilt by an earlier run after this node's last success (this node failed or was not reached
        // then) is now at another version: the package was built against the old one.
        if (last.DependencyVersions is { Count: > 0 } versions
            && ChangedVersions(dependencies, versions) is { Count: > 0 } changed)
        {
            var text = string.Join(", ", changed.Select(c => $"{c.Node.Id} {c.Before} → {c.Node.Metadata!.Version}"));
            return Build(PlanReasonKind.DependenciesChanged, $"dependencies changed ({text})", changed[0].Node.Id);
        }

        return new PlannedPort(node.Id, PlanAction.UpToDate, PlanReasonKind.UpToDate, $"up to date ({metadata.PackageFile})", null);
    }

    private static List<(PortNode Node, string Before)> ChangedVersions(IEnumerable<PortNode> dependencies, ImmutableDictionary<string, string> versions)
    {
        var changed = new List<(PortNode, string)>();
        foreach (var dependency in dependencies)
        {
            if (dependency.Metadata is { } now
                && versions.TryGetValue(dependency.Id.ToString(), out var before)
                && !string.Equals(before, now.Version, StringComparison.Ordinal))
            {
                changed.Add((dependency, before));
            }
        }

        return changed;
    }

    private static bool IsForced(PortId id, IReadOnlyCollection<PortId> force) =>
        force.Count > 0 && force.Any(f => f == id || (f.Flavor is null && f.Origin == id.Origin));

    /// <summary>"+added -removed", or null when the two sets are equal.</summary>
    private static string? Difference(IEnumerable<string> before, IEnumerable<string> now)
    {
        var old = before.ToHashSet(StringComparer.Ordinal);
        var current = now.ToHashSet(StringComparer.Ordinal);
        if (old.SetEquals(current))
        {
            return null;
        }

        var added = current.Except(old).Order(StringComparer.Ordinal).Select(s => "+" + s);
        var removed = old.Except(current).Order(StringComparer.Ordinal).Select(s => "-" + s);
        return string.Join(' ', added.Concat(removed));
    }

    private static Dictionary<string, uint?> Fingerprint(PortGraph graph, PreviousBuild?[] previous, PlanOptions options, CancellationToken cancellationToken)
    {
        var origins = graph.Nodes.Where(n => previous[n.Index] is not null).Select(n => n.Id.Origin).Distinct(StringComparer.Ordinal).ToList();
        var result = new ConcurrentDictionary<string, uint?>(StringComparer.Ordinal);
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = options.Parallelism > 0 ? options.Parallelism : System.Environment.ProcessorCount,
        };
        Parallel.ForEach(origins, parallel, origin =>
        {
            if (options.Fingerprints?.TryGetValue(origin, out var known) == true)
            {
                result[origin] = known;
                return;
            }

            try
            {
                result[origin] = PortFingerprint.Compute(Path.Combine(options.PortsDirectory, origin), cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result[origin] = null;
            }
        });
        return new Dictionary<string, uint?>(result, StringComparer.Ordinal);
    }

    private static uint? FrameworkFingerprint(string portsDirectory, CancellationToken cancellationToken)
    {
        var mk = Path.Combine(portsDirectory, "Mk");
        try
        {
            return Directory.Exists(mk) ? PortFingerprint.Compute(mk, cancellationToken) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static HashSet<string> ListRepository(string repository)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(repository))
        {
            foreach (var path in Directory.EnumerateFiles(repository))
            {
                names.Add(Path.GetFileName(path));
            }
        }

        return names;
    }
}

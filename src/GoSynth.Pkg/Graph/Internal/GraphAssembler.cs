using System.Runtime.InteropServices;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Graph.Internal;

/// <summary>
/// Turns scan results into <see cref="GraphData"/>: canonical ids (a flavorless reference means the port's default
/// flavor), a NotFound node for every reference the results do not cover (nothing is silently dropped), nodes
/// sorted ordinally by id, and edges deduplicated per (dependency, kind).
/// </summary>
internal static class GraphAssembler
{
    internal const string MissingFromScan = "no metadata was given for this port: the scan did not return it";

    public static GraphData Assemble(IEnumerable<PortQueryResult> results, IEnumerable<PortId> requested, PortId? bootstrapId)
    {
        var byId = new Dictionary<PortId, PortQueryResult>(results.TryGetNonEnumeratedCount(out var count) ? count + 16 : 0);
        foreach (var result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
            var canonical = Canonical(result);
            if (!byId.TryGetValue(canonical.Id, out var existing)
                || (existing.Status != PortQueryStatus.Found && canonical.Status == PortQueryStatus.Found))
            {
                byId[canonical.Id] = canonical;
            }
        }

        var defaults = DefaultsByOrigin(byId.Values);
        var added = new List<PortId>();
        PortId Resolve(PortId id)
        {
            var resolved = id.Flavor is null && defaults.TryGetValue(id.Origin, out var d) ? d : id;
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(byId, resolved, out var exists);
            if (!exists)
            {
                slot = PortQueryResult.NotFound(resolved, MissingFromScan);
                added.Add(resolved);
            }

            return resolved;
        }

        var requestedIds = new HashSet<PortId>(requested.TryGetNonEnumeratedCount(out var requestedCount) ? requestedCount : 0);
        foreach (var id in requested)
        {
            if (id.Flavor == PortSpec.AllFlavors)
            {
                var flavors = byId.Keys.Where(k => k.Origin == id.Origin && k.Flavor is not null).ToList();
                if (flavors.Count > 0)
                {
                    requestedIds.UnionWith(flavors);
                    continue;
                }

                requestedIds.Add(Resolve(id.WithFlavor(null)));
                continue;
            }

            requestedIds.Add(Resolve(id));
        }

        PortId? bootstrap = bootstrapId is { } b ? Resolve(b) : null;

        // Resolve every dependency once, remembering the result per token; resolving may add NotFound nodes.
        var withDependencies = byId.Values.ToArray();
        var addedBeforeSnapshot = added.Count;
        var offsets = new int[withDependencies.Length + 1];
        var total = 0;
        for (var j = 0; j < withDependencies.Length; j++)
        {
            offsets[j] = total;
            total += DependenciesOf(withDependencies[j]).Length;
        }

        offsets[^1] = total;
        var resolved = new PortId[total];
        for (var j = 0; j < withDependencies.Length; j++)
        {
            var dependencies = DependenciesOf(withDependencies[j]);
            for (var d = 0; d < dependencies.Length; d++)
            {
                resolved[offsets[j] + d] = Resolve(dependencies[d].Port);
            }
        }

        // Sort all nodes by id; origin[i] is the position in withDependencies, or -1 for a node added by Resolve.
        var ids = new PortId[byId.Count];
        var origin = new int[byId.Count];
        for (var j = 0; j < withDependencies.Length; j++)
        {
            ids[j] = withDependencies[j].Id;
            origin[j] = j;
        }

        var next = withDependencies.Length;
        for (var a = addedBeforeSnapshot; a < added.Count; a++)
        {
            ids[next] = added[a];
            origin[next++] = -1;
        }

        Array.Sort(ids, origin);
        var sorted = new PortQueryResult[ids.Length];
        var index = new Dictionary<PortId, int>(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = origin[i] >= 0 ? withDependencies[origin[i]] : byId[ids[i]];
            index[ids[i]] = i;
        }

        var defaultIndex = new Dictionary<string, int>(defaults.Count, StringComparer.Ordinal);
        foreach (var (portOrigin, id) in defaults)
        {
            // A port asked for only in a non-default flavor has no default node: a flavorless lookup finds nothing.
            if (index.TryGetValue(id, out var position))
            {
                defaultIndex[portOrigin] = position;
            }
        }

        var (start, target, kinds) = BuildEdges(sorted, origin, offsets, resolved, index);
        return new GraphData
        {
            Results = sorted,
            Requested = [.. sorted.Select(r => requestedIds.Contains(r.Id))],
            ById = index,
            DefaultByOrigin = defaultIndex,
            Bootstrap = bootstrap is { } bootstrapNode ? index[bootstrapNode] : -1,
            DependencyStart = start,
            DependencyTarget = target,
            DependencyKinds = kinds,
        };
    }

    /// <summary>Only a found node has dependencies: a corrupt one may keep metadata, but its dependencies are not trusted.</summary>
    private static System.Collections.Immutable.ImmutableArray<PortDependency> DependenciesOf(PortQueryResult result) =>
        result.Status == PortQueryStatus.Found && result.Metadata is { } metadata ? metadata.Dependencies : [];

    private static PortQueryResult Canonical(PortQueryResult result)
    {
        var metadata = result.Metadata;
        if (result.Status == PortQueryStatus.Found && metadata is not null && result.Id.Flavor is null && metadata.Flavors.Length > 0)
        {
            var id = result.Id.WithFlavor(metadata.Flavors[0]);
            return result with { Id = id, Metadata = metadata with { Id = id } };
        }

        return result;
    }

    /// <summary>For each origin, the node a flavorless reference means: the first flavor of a flavored port, else the port itself.</summary>
    private static Dictionary<string, PortId> DefaultsByOrigin(IReadOnlyCollection<PortQueryResult> results)
    {
        var defaults = new Dictionary<string, PortId>(results.Count, StringComparer.Ordinal);
        var fromMetadata = new HashSet<string>(results.Count, StringComparer.Ordinal);
        var decidedBy = new Dictionary<string, PortId>(results.Count, StringComparer.Ordinal);
        foreach (var result in results)
        {
            // Metadata (FLAVORS) decides; among several results of one origin the smallest id decides, so the
            // outcome does not depend on the order of the results.
            var origin = result.Id.Origin;
            if (result.Metadata is { } metadata)
            {
                if (fromMetadata.Add(origin) || result.Id < decidedBy[origin])
                {
                    decidedBy[origin] = result.Id;
                    defaults[origin] = metadata.Flavors.Length > 0 ? result.Id.WithFlavor(metadata.Flavors[0]) : result.Id.WithFlavor(null);
                }
            }
            else if (result.Id.Flavor is null && !fromMetadata.Contains(origin))
            {
                defaults[origin] = result.Id;
            }
        }

        return defaults;
    }

    private static (int[] Start, int[] Target, byte[] Kinds) BuildEdges(
        PortQueryResult[] sorted, int[] origin, int[] offsets, PortId[] resolved, Dictionary<PortId, int> index)
    {
        var start = new int[sorted.Length + 1];
        var capacity = 0;
        foreach (var result in sorted)
        {
            capacity += DependenciesOf(result).Length;
        }

        var targets = new PooledList<int>(capacity);
        var kinds = new PooledList<byte>(capacity);
        var scratch = new List<(int Target, byte Kinds)>();
        for (var i = 0; i < sorted.Length; i++)
        {
            start[i] = targets.Count;
            var dependencies = DependenciesOf(sorted[i]);
            if (dependencies.Length == 0)
            {
                continue;
            }

            scratch.Clear();
            var first = offsets[origin[i]];
            for (var d = 0; d < dependencies.Length; d++)
            {
                scratch.Add((index[resolved[first + d]], (byte)(1 << (int)dependencies[d].Kind)));
            }

            scratch.Sort(static (a, b) => a.Target.CompareTo(b.Target));
            var current = scratch[0];
            for (var k = 1; k < scratch.Count; k++)
            {
                if (scratch[k].Target == current.Target)
                {
                    current.Kinds |= scratch[k].Kinds;
                    continue;
                }

                targets.Add(current.Target);
                kinds.Add(current.Kinds);
                current = scratch[k];
            }

            targets.Add(current.Target);
            kinds.Add(current.Kinds);
        }

        start[sorted.Length] = targets.Count;
        return (start, targets.ToArrayAndReturn(), kinds.ToArrayAndReturn());
    }
}

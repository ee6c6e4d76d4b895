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

    public static GraphData Assemble(IEnumerable<PortQueryResult> results, IEnumerable<PortId> requested, PortId bootstrapId)
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
        PortId Resolve(PortId id)
        {
            var resolved = id.Flavor is null && defaults.TryGetValue(id.Origin, out var d) ? d : id;
            if (!byId.ContainsKey(resolved))
            {
                byId[resolved] = PortQueryResult.NotFound(resolved, MissingFromScan);
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

        var bootstrap = Resolve(bootstrapId);
        foreach (var result in byId.Values.ToArray())
        {
            foreach (var dependency in result.Metadata?.Dependencies ?? [])
            {
                Resolve(dependency.Port);
            }
        }

        var sorted = byId.Values.ToArray();
        Array.Sort(sorted, static (a, b) => a.Id.CompareTo(b.Id));
        var index = new Dictionary<PortId, int>(sorted.Length);
        for (var i = 0; i < sorted.Length; i++)
        {
            index[sorted[i].Id] = i;
        }

        var defaultIndex = new Dictionary<string, int>(defaults.Count, StringComparer.Ordinal);
        foreach (var (origin, id) in defaults)
        {
            defaultIndex[origin] = index[id];
        }

        var (start, target, kinds) = BuildEdges(sorted, id => index[Resolve(id)]);
        return new GraphData
        {
            Results = sorted,
            Requested = [.. sorted.Select(r => requestedIds.Contains(r.Id))],
            ById = index,
            DefaultByOrigin = defaultIndex,
            Bootstrap = index[bootstrap],
            DependencyStart = start,
            DependencyTarget = target,
            DependencyKinds = kinds,
        };
    }

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

    private static (int[] Start, int[] Target, byte[] Kinds) BuildEdges(PortQueryResult[] sorted, Func<PortId, int> indexOf)
    {
        var start = new int[sorted.Length + 1];
        var capacity = 0;
        foreach (var result in sorted)
        {
            capacity += result.Metadata?.Dependencies.Length ?? 0;
        }

        var targets = new PooledList<int>(capacity);
        var kinds = new PooledList<byte>(capacity);
        var scratch = new List<(int Target, byte Kinds)>();
        for (var i = 0; i < sorted.Length; i++)
        {
            start[i] = targets.Count;
            var dependencies = sorted[i].Metadata?.Dependencies ?? [];
            if (dependencies.Length == 0)
            {
                continue;
            }

            scratch.Clear();
            foreach (var dependency in dependencies)
            {
                scratch.Add((indexOf(dependency.Port), (byte)(1 << (int)dependency.Kind)));
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

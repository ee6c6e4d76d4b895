using System.Collections.Immutable;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Planning;

/// <summary>
/// Computes what a build records besides the port fingerprint: the selected options, the framework fingerprint and
/// the dependency set, from the plan the build runs. A run calls <see cref="For"/> when an attempt succeeds and
/// records the result with it (<see cref="PortBuildInputs.ApplyTo(GoSynth.BuildDb.AttemptResult)"/>);
/// <see cref="BuildDbHistory"/> reads them back into <see cref="PreviousBuild"/>, where the planner compares them.
/// </summary>
public static class PlanFingerprints
{
    private const char Separator = ' ';
    private const char VersionSeparator = '=';

    /// <summary>The inputs of <paramref name="node"/> as <paramref name="plan"/> saw them.</summary>
    /// <exception cref="ArgumentException">The node belongs to another graph, or has no metadata (it was not scanned).</exception>
    public static PortBuildInputs For(BuildPlan plan, PortNode node)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(node);
        if (!ReferenceEquals(node.Graph, plan.Graph))
        {
            throw new ArgumentException($"The node {node.Id} belongs to another graph than the plan's.", nameof(node));
        }

        var metadata = node.Metadata
            ?? throw new ArgumentException($"The node {node.Id} has no metadata ({node.State}); only a scanned port is built.", nameof(node));
        var options = string.Join(Separator, metadata.SelectedOptions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var dependencies = string.Join(
            Separator,
            plan.Graph.GetDirectDependencies(node)
                .Select(d => (Id: d.Id.ToString(), d.Metadata?.Version))
                .DistinctBy(d => d.Id, StringComparer.Ordinal)
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .Select(d => d.Version is null ? d.Id : d.Id + VersionSeparator + d.Version));
        return new PortBuildInputs(options, plan.FrameworkFingerprint, dependencies);
    }

    /// <summary>Stored options back as a list (null stays null: not recorded).</summary>
    internal static ImmutableArray<string>? ParseOptions(string? stored) =>
        stored is null ? null : [.. stored.Split(Separator, StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>A stored dependency set back as node ids and, for entries that carry one, the version then.</summary>
    internal static (ImmutableArray<string>? Ids, ImmutableDictionary<string, string>? Versions) ParseDependencies(string? stored)
    {
        if (stored is null)
        {
            return (null, null);
        }

        var ids = ImmutableArray.CreateBuilder<string>();
        var versions = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var entry in stored.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var split = entry.IndexOf(VersionSeparator, StringComparison.Ordinal);
            var id = split < 0 ? entry : entry[..split];
            ids.Add(id);
            if (split >= 0)
            {
                versions[id] = entry[(split + 1)..];
            }
        }

        return (ids.ToImmutable(), versions.ToImmutable());
    }
}

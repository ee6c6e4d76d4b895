using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Planning.Internal;

/// <summary>The one place where the graph's <see cref="PortNodeState"/> becomes a plan decision.</summary>
internal static class GraphStateMapping
{
    /// <summary>The decision for a node the graph already rules out, or null when the node can be built.</summary>
    public static PlannedPort? Decide(PortNode node) => node.State switch
    {
        PortNodeState.Buildable => null,
        PortNodeState.Meta => new PlannedPort(node.Id, PlanAction.Meta, PlanReasonKind.Meta, "meta port (nothing to compile)", null),
        PortNodeState.Ignored => new PlannedPort(node.Id, PlanAction.Ignored, PlanReasonKind.Ignored, "IGNORE: " + FirstLine(node.Reason), null),
        PortNodeState.NotFound => new PlannedPort(node.Id, PlanAction.Unbuildable, PlanReasonKind.NotFound, node.Reason ?? "not found", null),
        PortNodeState.Corrupt => new PlannedPort(node.Id, PlanAction.Unbuildable, PlanReasonKind.Corrupt, node.Reason ?? "corrupt metadata", null),
        PortNodeState.Removed => new PlannedPort(node.Id, PlanAction.Unbuildable, PlanReasonKind.NotFound, node.Reason ?? "removed from the tree", null),
        PortNodeState.NotNeeded => new PlannedPort(node.Id, PlanAction.Skipped, PlanReasonKind.NotBuilt, node.Reason ?? "not needed", node.BlockedBy?.Id),
        PortNodeState.Unbuildable => new PlannedPort(node.Id, PlanAction.Skipped, PlanReasonKind.DependencyUnbuildable, node.Reason ?? "a dependency cannot be built", node.BlockedBy?.Id),

        // A state added to the graph later is not built, with the graph's own words.
        _ => new PlannedPort(node.Id, PlanAction.Skipped, PlanReasonKind.NotBuilt, node.Reason ?? node.State.ToString(), node.BlockedBy?.Id),
    };

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "(no reason given)";
        }

        var trimmed = text.Trim();
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? trimmed : trimmed[..newline].TrimEnd() + " …";
    }
}

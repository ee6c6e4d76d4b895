using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Planning;

/// <summary>The plan's decision for one node, with its reason.</summary>
/// <param name="Id">The node.</param>
/// <param name="Action">What happens to it.</param>
/// <param name="Kind">Why, as a value.</param>
/// <param name="Reason">Why, in words a person understands.</param>
/// <param name="Cause">The dependency the decision comes from (rebuilt, ignored, …), else null; follow it for the chain.</param>
public sealed record PlannedPort(PortId Id, PlanAction Action, PlanReasonKind Kind, string Reason, PortId? Cause)
{
    /// <summary><c>origin@flavor: Action (reason)</c>.</summary>
    public override string ToString() => $"{Id}: {Action} ({Reason})";
}

using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Cli.Status;

/// <summary>What <c>status</c> prints, in either form: the build's plan of the scanned graph.</summary>
internal sealed record StatusReport(BuildPlan Plan, PortPriorities Priorities, string PortsDirectory, string Profile, PortScanResult Scan)
{
    /// <summary>The graph the plan decides over.</summary>
    public PortGraph Graph => Plan.Graph;

    /// <summary>The word for a node's state (from the scan) in the JSON.</summary>
    public static string StateName(PortNodeState state) => state switch
    {
        PortNodeState.Buildable => "build",
        PortNodeState.Meta => "meta",
        PortNodeState.Ignored => "ignored",
        PortNodeState.NotFound => "not-found",
        PortNodeState.Corrupt => "corrupt",
        PortNodeState.Unbuildable => "unbuildable",
        PortNodeState.NotNeeded => "not-needed",
        PortNodeState.Removed => "removed",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// What a build would do with the node: for a port the scan found buildable, the plan's decision (<c>build</c> or
    /// <c>up-to-date</c>); for any other, the scan's state (<c>meta</c>, <c>ignored</c>, <c>unbuildable</c>, …).
    /// </summary>
    public string ActionOf(PortNode node) =>
        node.State == PortNodeState.Buildable ? Commands.WhyCommand.ActionName(Plan[node].Action) : StateName(node.State);

    /// <summary>The reason shown with <see cref="ActionOf"/>: the plan's for a buildable port, the scan's otherwise.</summary>
    public string? ReasonOf(PortNode node) => node.State == PortNodeState.Buildable ? Plan[node].Reason : node.Reason;
}

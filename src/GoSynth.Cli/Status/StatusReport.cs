using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Cli.Status;

/// <summary>What <c>status</c> prints, in either form.</summary>
internal sealed record StatusReport(PortGraph Graph, PortPriorities Priorities, string PortsDirectory, string Profile, PortScanResult Scan)
{
    /// <summary>The word for a node's state in the text and the JSON.</summary>
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
}

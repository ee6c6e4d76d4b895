using System.Collections.Immutable;
using System.Text;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Graph;

/// <summary>One node of a <see cref="PortGraph"/>: a port (origin and flavor), its metadata and its state. Immutable.</summary>
public sealed class PortNode
{
    private string? _reason;

    internal PortNode(PortGraph graph, int index, PortQueryResult result, bool isRequested)
    {
        Graph = graph;
        Index = index;
        Id = result.Id;
        Metadata = result.Metadata;
        Error = result.Error;
        MakeAnswers = result.MakeAnswers;
        IsRequested = isRequested;
        State = result.Status switch
        {
            PortQueryStatus.NotFound => PortNodeState.NotFound,
            PortQueryStatus.Corrupt => PortNodeState.Corrupt,
            PortQueryStatus.Removed => PortNodeState.Removed,
            _ when result.Metadata!.IsIgnored => PortNodeState.Ignored,
            _ when result.Metadata!.IsMeta => PortNodeState.Meta,
            _ => PortNodeState.Buildable,
        };
    }

    /// <summary>The graph this node belongs to.</summary>
    public PortGraph Graph { get; }

    /// <summary>The node's position in <see cref="PortGraph.Nodes"/> (nodes are sorted by id).</summary>
    public int Index { get; }

    /// <summary>The node's identity, with its flavor explicit when the port is flavored.</summary>
    public PortId Id { get; }

    /// <summary>The port's metadata, or null when it was not found or is corrupt.</summary>
    public PortMetadata? Metadata { get; }

    /// <summary>The query error when the port was not found or is corrupt (including make's stderr), else null.</summary>
    public string? Error { get; }

    /// <summary>What make printed for a node whose answers could not all be used (see <see cref="PortQueryResult.MakeAnswers"/>); else empty.</summary>
    public ImmutableArray<string> MakeAnswers { get; }

    /// <summary>True when the user asked for this node (as opposed to reaching it as a dependency).</summary>
    public bool IsRequested { get; }

    /// <summary>The node's state.</summary>
    public PortNodeState State { get; internal set; }

    /// <summary>For an <see cref="PortNodeState.Unbuildable"/> node, the dependency that makes it so; else null.</summary>
    public PortNode? BlockedBy { get; internal set; }

    /// <summary>True for <see cref="PortNodeState.Buildable"/> and <see cref="PortNodeState.Meta"/> nodes.</summary>
    public bool CanBuild => State is PortNodeState.Buildable or PortNodeState.Meta;

    /// <summary>True for <c>ports-mgmt/pkg</c>, the node built first.</summary>
    public bool IsBootstrap => Graph.HasBootstrap && ReferenceEquals(Graph.Bootstrap, this);

    /// <summary>
    /// Why the node cannot be built, or null when it can: the IGNORE text, the query error, or for an unbuildable node
    /// the chain down to the culprit, e.g. <c>depends on devel/a, which depends on devel/b, which is ignored: broken</c>.
    /// </summary>
    public string? Reason => _reason ??= BuildReason();

    /// <summary>The typed edges to this node's dependencies, by dependency then kind.</summary>
    public ImmutableArray<PortEdge> Dependencies => Graph.GetDependencies(this);

    /// <summary>The typed edges from the nodes that depend on this one, by dependent then kind.</summary>
    public ImmutableArray<PortEdge> Dependents => Graph.GetDependents(this);

    /// <summary><c>category/port[@flavor]</c>.</summary>
    public override string ToString() => Id.ToString();

    private string? BuildReason()
    {
        switch (State)
        {
            case PortNodeState.Buildable or PortNodeState.Meta:
                return null;
            case PortNodeState.Ignored:
                return Metadata?.IgnoreReason;
            case PortNodeState.NotFound or PortNodeState.Corrupt or PortNodeState.Removed:
                return Error ?? StateWord(State);
            case PortNodeState.NotNeeded:
                return NotNeededReason();
            default:
                break;
        }

        var text = new StringBuilder();
        var culprit = BlockedBy!;
        text.Append("depends on ").Append(culprit.Id);
        while (culprit.State == PortNodeState.Unbuildable)
        {
            culprit = culprit.BlockedBy!;
            text.Append(", which depends on ").Append(culprit.Id);
        }

        text.Append(culprit.State switch
        {
            PortNodeState.Ignored => ", which is ignored: ",
            PortNodeState.NotFound => ", which was not found: ",
            PortNodeState.Removed => ", which was removed: ",
            _ => ", which is corrupt: ",
        });
        text.Append(FirstLine(culprit.Reason));
        return text.ToString();
    }

    private string NotNeededReason()
    {
        var dependents = Graph.GetDependents(this).Select(e => e.Dependent).Distinct().ToList();
        var first = dependents[0];
        return dependents.Count == 1
            ? $"not needed: only needed by {first.Id}, which {(first.State == PortNodeState.Removed ? "was" : "is")} {StateWord(first.State)}"
            : $"not needed: only needed by {first.Id} and {dependents.Count - 1} more, none of which will be built";
    }

    private static string StateWord(PortNodeState state) => state switch
    {
        PortNodeState.NotFound => "not found",
        PortNodeState.NotNeeded => "not needed",
        _ => state.ToString().ToLowerInvariant(),
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

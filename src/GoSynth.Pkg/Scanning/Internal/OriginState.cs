using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// What the coordinator knows about one origin: its unflavored answer (which gives its FLAVORS and, through
/// <c>FLAVOR</c>, its default flavor) and who waits for it.
/// </summary>
internal sealed class OriginState(string origin)
{
    public string Origin { get; } = origin;

    /// <summary>The unflavored query's result, once it is in; a flavored port's FLAVORS in it are already <see cref="Flavors"/>.</summary>
    public PortQueryResult? Base { get; private set; }

    public bool BaseDone => Base is not null;

    /// <summary>FLAVORS, the default first, then the others in the order make printed them; empty when unflavored or not found.</summary>
    public ImmutableArray<string> Flavors { get; private set; } = [];

    /// <summary>The flavor the port is with no FLAVOR given; null for an unflavored port.</summary>
    public string? DefaultFlavor => Flavors.IsEmpty ? null : Flavors[0];

    /// <summary>Flavor requests that arrived before the unflavored answer: (flavor or null or "all", is a root).</summary>
    public List<(string? Flavor, bool Root)> WaitingRequests { get; } = [];

    /// <summary>Nodes whose dependencies name this origin and wait for its FLAVORS to name the dependency's node.</summary>
    public List<NodeState> WaitingNodes { get; } = [];

    /// <summary>
    /// Takes the unflavored answer. The default flavor is the port's <c>FLAVOR</c> with none given (a port may set it
    /// itself, or order FLAVORS otherwise); when make printed no FLAVOR, the first of FLAVORS, as the framework does.
    /// A FLAVOR that is not one of the FLAVORS makes the port corrupt.
    /// </summary>
    public void SetBase(PortQueryResult result, string? flavorAnswer)
    {
        var metadata = result.Metadata;
        if (metadata is null || metadata.Flavors.IsEmpty)
        {
            Base = result;
            return;
        }

        var flavors = metadata.Flavors;
        var preferred = flavorAnswer ?? flavors[0];
        if (!flavors.Contains(preferred))
        {
            var id = new PortId(Origin);
            Base = PortQueryResult.Corrupt(id, $"{id}: with no FLAVOR given the port says FLAVOR={preferred}, which is not one of its FLAVORS ({string.Join(' ', flavors)}).");
            return;
        }

        Flavors = [preferred, .. flavors.Where(f => f != preferred).Distinct()];
        Base = result with { Metadata = metadata with { Flavors = Flavors } };
    }

    /// <summary>A flavored answer of this port, reporting the port's FLAVORS as <see cref="Flavors"/> (every node of one port says the same).</summary>
    public PortQueryResult Normalize(PortQueryResult result) =>
        result.Metadata is { } metadata && !Flavors.IsEmpty ? result with { Metadata = metadata with { Flavors = Flavors } } : result;
}

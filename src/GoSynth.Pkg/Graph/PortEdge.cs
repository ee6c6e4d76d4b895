using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Graph;

/// <summary>A typed dependency edge: <paramref name="Dependent"/> needs <paramref name="Dependency"/> for <paramref name="Kind"/>.</summary>
/// <param name="Dependent">The port that has the dependency.</param>
/// <param name="Dependency">The port it depends on.</param>
/// <param name="Kind">Which <c>*_DEPENDS</c> variable named it. A pair of nodes has at most one edge per kind.</param>
public readonly record struct PortEdge(PortNode Dependent, PortNode Dependency, DependencyKind Kind)
{
    /// <summary><c>dependent -(KIND)-> dependency</c>.</summary>
    public override string ToString() => $"{Dependent.Id} -({Kind.ToString().ToUpperInvariant()})-> {Dependency.Id}";
}

namespace GoSynth.Pkg.Graph;

/// <summary>
/// The cost of building one node, used for critical-path priorities: typically its expected build duration in
/// seconds (from build history), or 1 to count ports.
/// </summary>
public interface IPortWeights
{
    /// <summary>The weight of <paramref name="node"/>: finite and not negative.</summary>
    double GetWeight(PortNode node);
}

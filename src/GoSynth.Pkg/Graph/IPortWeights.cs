namespace GoSynth.Pkg.Graph;

/// <summary>
/// The cost of building one node, used for critical-path priorities: the caller's choice (the Builder's scheduling
/// policy gives expected build durations), or 1 to count ports (<see cref="UniformPortWeights"/>).
/// </summary>
public interface IPortWeights
{
    /// <summary>The weight of <paramref name="node"/>: finite and not negative.</summary>
    double GetWeight(PortNode node);
}

namespace GoSynth.Pkg.Graph;

/// <summary>Every node weighs the same, so a priority is the number of nodes on the longest chain of dependents.</summary>
public sealed class UniformPortWeights : IPortWeights
{
    /// <summary>Weighs every node 1.</summary>
    public static UniformPortWeights Instance { get; } = new(1);

    /// <summary>Weighs every node <paramref name="weight"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The weight is negative, NaN or infinite.</exception>
    public UniformPortWeights(double weight)
    {
        PortPriorities.ValidateWeight(weight, nameof(weight));
        Weight = weight;
    }

    /// <summary>The weight of every node.</summary>
    public double Weight { get; }

    /// <inheritdoc />
    public double GetWeight(PortNode node) => Weight;
}

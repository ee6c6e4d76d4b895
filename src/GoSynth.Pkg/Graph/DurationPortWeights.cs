using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Graph;

/// <summary>
/// Weighs each node by its expected build duration in seconds: the recorded duration of its origin@flavor (or,
/// failing that, of its origin), else a default. Nodes that will not be built (ignored, not found, corrupt,
/// unbuildable) weigh nothing.
/// </summary>
public sealed class DurationPortWeights : IPortWeights
{
    private readonly IReadOnlyDictionary<PortId, TimeSpan> _durations;

    /// <summary>Creates the weights from recorded durations.</summary>
    /// <param name="durations">Expected durations by node; a key without a flavor applies to every flavor of that origin.</param>
    /// <param name="defaultDuration">The duration assumed for a node with no record.</param>
    /// <exception cref="ArgumentOutOfRangeException">The default duration is negative.</exception>
    public DurationPortWeights(IReadOnlyDictionary<PortId, TimeSpan> durations, TimeSpan defaultDuration)
    {
        ArgumentNullException.ThrowIfNull(durations);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultDuration, TimeSpan.Zero);
        _durations = durations;
        DefaultDuration = defaultDuration;
    }

    /// <summary>The duration assumed for a node with no record.</summary>
    public TimeSpan DefaultDuration { get; }

    /// <inheritdoc />
    public double GetWeight(PortNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.State is not (PortNodeState.Buildable or PortNodeState.Meta))
        {
            return 0;
        }

        if (_durations.TryGetValue(node.Id, out var duration)
            || (node.Id.Flavor is not null && _durations.TryGetValue(node.Id.WithFlavor(null), out duration)))
        {
            return Math.Max(0, duration.TotalSeconds);
        }

        return DefaultDuration.TotalSeconds;
    }
}

using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Planning;

/// <summary>
/// A build history held in memory: for histories imported from other tools' logs, for what-if plans and
/// simulations, and for tests. Not thread-safe while it is being filled.
/// </summary>
public sealed class BuildHistorySnapshot : IBuildHistory
{
    private readonly Dictionary<PortId, PreviousBuild> _lastSuccess = [];
    private readonly Dictionary<PortId, TimeSpan> _durations = [];

    /// <summary>The nodes with a recorded success.</summary>
    public int Count => _lastSuccess.Count;

    /// <summary>Records <paramref name="build"/> as the node's last success.</summary>
    public BuildHistorySnapshot SetLastSuccess(PortId id, PreviousBuild build)
    {
        ArgumentNullException.ThrowIfNull(build);
        _lastSuccess[id] = build;
        return this;
    }

    /// <summary>Records the node's expected duration (for a key without flavor: every flavor of the origin).</summary>
    public BuildHistorySnapshot SetExpectedDuration(PortId id, TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _durations[id] = duration;
        return this;
    }

    /// <inheritdoc />
    public PreviousBuild? GetLastSuccess(PortId id) => _lastSuccess.GetValueOrDefault(id);

    /// <inheritdoc />
    public TimeSpan? GetExpectedDuration(PortId id) =>
        _durations.TryGetValue(id, out var d) || (id.Flavor is not null && _durations.TryGetValue(id.WithFlavor(null), out d))
            ? d
            : null;
}

using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Scheduling;

/// <summary>
/// The expected duration of a port's build, for priorities and ETAs: its own history when it has one, else a prior
/// from what its metadata says (heavy <c>USES</c> such as a C++
/// compiler, cmake, cargo, qt) scaling <see cref="DefaultDuration"/>. Meta ports take no time.
/// </summary>
/// <remarks>The <c>USES</c> factors are judgement, not yet fitted on recorded builds; use <see cref="Create"/> so the
/// default follows the history's scale.</remarks>
public sealed class DurationEstimator
{
    private static readonly (string Uses, double Factor)[] HeavyUses =
    [
        ("cargo", 6), ("cmake", 2), ("meson", 1.8), ("qt", 5), ("qmake", 3), ("llvm", 12), ("compiler:c++", 1.6),
        ("electron", 30), ("go", 2), ("ghc", 8), ("gnome", 2), ("kde", 4), ("autoreconf", 1.3),
    ];

    private readonly IBuildHistory? _history;

    /// <summary>Creates an estimator.</summary>
    /// <param name="history">The build history; null for priors only.</param>
    /// <param name="defaultDuration">A small port's duration with no history; default 60 s.</param>
    public DurationEstimator(IBuildHistory? history, TimeSpan? defaultDuration = null)
    {
        _history = history;
        DefaultDuration = defaultDuration ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>A small port's duration with no history.</summary>
    public TimeSpan DefaultDuration { get; }

    /// <summary>
    /// An estimator for <paramref name="graph"/> whose <see cref="DefaultDuration"/> is the mean expected duration of
    /// the graph's ports that have a history: build times are heavy-tailed, and a port on the critical path without
    /// history must not be taken for a small one (the median would). Without any history, <paramref name="fallback"/>
    /// (default 60 s).
    /// </summary>
    public static DurationEstimator Create(PortGraph graph, IBuildHistory? history, TimeSpan? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        double sum = 0;
        var known = 0;
        if (history is not null)
        {
            foreach (var node in graph.Nodes)
            {
                if (node.State == PortNodeState.Buildable && history.GetExpectedDuration(node.Id) is { } d)
                {
                    sum += d.TotalSeconds;
                    known++;
                }
            }
        }

        return new DurationEstimator(history, known > 0 ? TimeSpan.FromSeconds(sum / known) : fallback);
    }

    /// <summary>The expected duration of <paramref name="node"/>.</summary>
    public TimeSpan Estimate(PortNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.State == PortNodeState.Meta)
        {
            return TimeSpan.Zero;
        }

        return _history?.GetExpectedDuration(node.Id) ?? Prior(node);
    }

    /// <summary>The metadata-only estimate of <paramref name="node"/>.</summary>
    public TimeSpan Prior(PortNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var metadata = node.Metadata;
        if (metadata is null)
        {
            return DefaultDuration;
        }

        var factor = 1.0;
        foreach (var uses in metadata.Uses)
        {
            foreach (var (name, weight) in HeavyUses)
            {
                if (uses == name || uses.StartsWith(name + ":", StringComparison.Ordinal) || (name.Contains(':', StringComparison.Ordinal) && uses.StartsWith(name, StringComparison.Ordinal)))
                {
                    factor *= weight;
                }
            }
        }

        return DefaultDuration * factor;
    }
}

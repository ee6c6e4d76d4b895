using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Scheduling;

/// <summary>
/// The expected duration of a port's build, for priorities and ETAs: its own history when it has one, else a prior
/// from what its metadata says (how many distfiles and dependencies it has, and heavy <c>USES</c> such as a C++
/// compiler, cmake, cargo, qt), scaled from <see cref="DefaultDuration"/>. Meta ports take no time.
/// </summary>
/// <remarks>The prior's factors are judgement, not yet fitted on recorded builds.</remarks>
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

        var factor = 1.0 + (0.05 * node.Graph.GetDependencyCount(node)) + (0.1 * Math.Max(0, metadata.AllFiles.Length - 1));
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

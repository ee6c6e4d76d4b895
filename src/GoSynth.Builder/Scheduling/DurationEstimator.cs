using GoSynth.Builder.Planning;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Scheduling;

/// <summary>
/// The expected duration of a port's build, for priorities and ETAs: its own history when it has one, else a prior
/// from what its metadata says (its category, heavy <c>USES</c> such as a C++ compiler, cmake, cargo, qt) scaling
/// <see cref="DefaultDuration"/>. Meta ports take no time.
/// </summary>
/// <remarks>
/// The category factors are fitted on recorded poudriere builds (see <see cref="CategoryFactor"/>); the <c>USES</c>
/// factors are judgement, as the recorded builds carry no <c>USES</c>. Use <see cref="Create"/> so the default
/// follows the history's scale.
/// </remarks>
public sealed class DurationEstimator
{
    // Fitted on the 158 successful builds of a FreeBSD 12.2 amd64 poudriere bulk (160 ports, 16 builders): for each
    // category, exp(Σ(ln d − mean ln d) / (n + 2)), the geometric ratio of its builds to all builds shrunk toward 1 by
    // two pseudo-builds, so a category seen once or twice moves little. Leave-one-port-out on that run, the prior's
    // mean |ln error| drops from 0.83 (a flat prior) to 0.78; applied unchanged to an armv7 bulk of the same ports
    // (its scale refitted), from 1.18 to 1.02. Categories not listed get 1.
    private static readonly Dictionary<string, double> CategoryFactors = new(StringComparer.Ordinal)
    {
        ["archivers"] = 1.51, ["converters"] = 0.87, ["databases"] = 1.90, ["devel"] = 1.29, ["dns"] = 0.84,
        ["emulators"] = 0.88, ["ftp"] = 1.64, ["graphics"] = 0.95, ["lang"] = 3.26, ["math"] = 1.91, ["misc"] = 0.59,
        ["net"] = 0.66, ["ports-mgmt"] = 0.86, ["print"] = 0.74, ["security"] = 1.02, ["shells"] = 1.21,
        ["textproc"] = 0.61, ["www"] = 0.61,
    };

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
        var factor = CategoryFactor(node.Id.Category);
        var metadata = node.Metadata;
        if (metadata is null)
        {
            return DefaultDuration * factor;
        }

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

    /// <summary>
    /// How much longer than a typical port a port of <paramref name="category"/> builds, as fitted on recorded builds
    /// (a geometric ratio: <c>lang</c> 3.26, <c>devel</c> 1.29, <c>textproc</c> 0.61); 1 for a category without data.
    /// </summary>
    public static double CategoryFactor(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return CategoryFactors.GetValueOrDefault(category, 1.0);
    }
}

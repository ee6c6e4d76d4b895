using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Graph;

/// <summary>The ports' dependencies form a cycle, so no build order exists. The message names the cycle.</summary>
public sealed class PortGraphCycleException : Exception
{
    /// <summary>Creates the exception for one or more cycles, each written as its nodes with the first repeated at the end.</summary>
    public PortGraphCycleException(IReadOnlyList<ImmutableArray<PortId>> cycles)
        : base(BuildMessage(cycles))
    {
        Cycles = [.. cycles];
    }

    /// <summary>Every independent cycle found (one per strongly connected component), each closed: <c>a, b, a</c>.</summary>
    public ImmutableArray<ImmutableArray<PortId>> Cycles { get; }

    /// <summary>The first cycle, closed: <c>a, b, a</c>.</summary>
    public ImmutableArray<PortId> Cycle => Cycles[0];

    /// <summary>Writes a cycle as <c>a -> b -> a</c>.</summary>
    public static string Format(IEnumerable<PortId> cycle) => string.Join(" -> ", cycle);

    private static string BuildMessage(IReadOnlyList<ImmutableArray<PortId>> cycles)
    {
        ArgumentNullException.ThrowIfNull(cycles);
        if (cycles.Count == 0 || cycles[0].Length < 2)
        {
            throw new ArgumentException("At least one closed cycle is required.", nameof(cycles));
        }

        var more = cycles.Count > 1 ? $" ({cycles.Count - 1} more cycle(s) elsewhere in the graph)" : "";
        return $"Dependency cycle: {Format(cycles[0])}{more}. A port cannot be built before itself: remove or fix one of these "
            + "dependencies in the ports' *_DEPENDS.";
    }
}

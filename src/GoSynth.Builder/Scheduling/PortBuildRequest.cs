using System.Collections.Immutable;
using GoSynth.Pkg.Graph;

namespace GoSynth.Builder.Scheduling;

/// <summary>What the scheduler hands an executor: the port, the packages to install first (in order), and the slot.</summary>
/// <param name="Node">The port to build.</param>
/// <param name="InstallClosure">Its dependency packages, each before anything that needs it (dsynth's install rule).</param>
/// <param name="Slot">The builder slot, 0-based.</param>
public sealed record PortBuildRequest(PortNode Node, ImmutableArray<PortNode> InstallClosure, int Slot);

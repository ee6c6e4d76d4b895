using GoSynth.Pkg.Graph;

namespace GoSynth.Pkg.Tests.Graph;

/// <summary>Scheduling policy (expected durations, default weights) is the Builder's; the graph offers only the
/// generic longest path over weights the caller gives.</summary>
public sealed class SchedulingPolicyBoundaryTests
{
    [Fact]
    public void PkgAssembly_OffersNoDurationBasedWeights()
    {
        var policy = typeof(PortGraph).Assembly.GetExportedTypes()
            .Where(t => typeof(IPortWeights).IsAssignableFrom(t) && t != typeof(IPortWeights) && t != typeof(UniformPortWeights))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(policy);
    }
}

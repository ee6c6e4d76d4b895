using System.Collections.Immutable;
using GoSynth.Builder.Running;
using GoSynth.Builder.Scheduling;

namespace GoSynth.Builder.Tests.Running;

public sealed class DependencyReuseTests
{
    [Fact]
    public void Sum_PortsWithInstallsAndKeptPackages_EstimatesTheSavingFromTheMeanInstallTime()
    {
        var reuse = DependencyReuse.Sum([(4, 0, TimeSpan.FromSeconds(2)), (2, 3, TimeSpan.FromSeconds(1)), (0, 5, TimeSpan.Zero)]);

        Assert.Equal((6, 8, TimeSpan.FromSeconds(3)), (reuse.Installed, reuse.Reused, reuse.InstallTime));
        Assert.Equal(TimeSpan.FromSeconds(4), reuse.EstimatedTimeSaved); // 8 kept × 0.5 s per installed package
    }

    [Fact]
    public void EstimatedTimeSaved_NothingInstalled_IsZeroNotADivisionByZero() =>
        Assert.Equal(TimeSpan.Zero, DependencyReuse.Sum([(0, 7, TimeSpan.Zero)]).EstimatedTimeSaved);

    [Fact]
    public void InstallTimeOf_Outcome_IsTheInstallPhasesOnly()
    {
        var outcome = new PortBuildOutcome(true)
        {
            Phases = ImmutableArray.Create(
                new PhaseTiming("install-pkgs", TimeSpan.FromMilliseconds(300)),
                new PhaseTiming("build", TimeSpan.FromSeconds(9))),
        };

        Assert.Equal(TimeSpan.FromMilliseconds(300), DependencyReuse.InstallTimeOf(outcome));
        Assert.Equal(TimeSpan.Zero, DependencyReuse.InstallTimeOf(PortBuildOutcome.Success));
    }
}

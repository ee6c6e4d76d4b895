using GoSynth.Environment.Processes;
using GoSynth.Pkg.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Pkg.Tests;

/// <summary>AddGoSynthPkg alone is a complete composition, and its options validator reports every problem.</summary>
public sealed class PkgServiceCollectionExtensionsTests
{
    [Fact]
    public void AddGoSynthPkg_PkgOnlyContainer_ResolvesTheScannerAndTheProcessRunner()
    {
        using var provider = new ServiceCollection()
            .AddGoSynthPkg(o => o.PortsDirectory = "/tmp/pkg-only-ports")
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var scanner = provider.GetRequiredService<PortScanner>();

        Assert.Equal("/tmp/pkg-only-ports", scanner.PortsDirectory);
        Assert.NotNull(provider.GetRequiredService<IProcessRunner>());
    }

    [Fact]
    public void AddGoSynthPkg_AfterAddGoSynthEnvironment_RegistersEnvironmentOnce()
    {
        var services = new ServiceCollection().AddGoSynthEnvironment().AddGoSynthPkg();

        Assert.Single(services, d => d.ServiceType == typeof(IProcessRunner));
        Assert.Single(services, d => d.ServiceType == typeof(PortScanner));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryFailureWithoutParameterSuffix()
    {
        using var provider = new ServiceCollection()
            .AddGoSynthPkg(o =>
            {
                o.PortsDirectory = "";
                o.ScanParallelism = -1;
                o.QueryTimeout = TimeSpan.Zero;
                o.FrameworkProbePort = "not an origin";
                o.MakeConfFile = "/nonexistent/make.conf";
            })
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(5, ex.Failures.Count());
        foreach (var option in new[] { "PortsDirectory", "ScanParallelism", "QueryTimeout", "FrameworkProbePort", "MakeConfFile" })
        {
            Assert.Contains(ex.Failures, f => f.Contains("PkgOptions." + option, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithoutDependencyInjection_ThrowsOneExceptionNamingEveryProblem()
    {
        var options = new PkgOptions { ScanParallelism = -2, QueryTimeout = TimeSpan.FromSeconds(-1) };

        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("PkgOptions.ScanParallelism", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PkgOptions.QueryTimeout", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", ex.Message, StringComparison.Ordinal);
    }
}

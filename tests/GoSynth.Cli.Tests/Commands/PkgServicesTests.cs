using GoSynth.Pkg;
using GoSynth.Pkg.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Cli.Tests.Commands;

/// <summary>The composition the CLI relies on: AddGoSynthEnvironment + AddGoSynthPkg.</summary>
public sealed class PkgServicesTests
{
    [Fact]
    public void AddGoSynthPkg_Configured_ResolvesScannerWithTheOptions()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddGoSynthEnvironment()
            .AddGoSynthPkg(o => o.PortsDirectory = "/tmp/some-ports/")
            .BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var scanner = provider.GetRequiredService<PortScanner>();

        Assert.Equal("/tmp/some-ports", scanner.PortsDirectory);
        Assert.Same(scanner, provider.GetRequiredService<PortScanner>());
    }

    [Fact]
    public void AddGoSynthPkg_InvalidOptions_FailAtStartNamingTheOption()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddGoSynthEnvironment()
            .AddGoSynthPkg(o => o.ScanParallelism = -1)
            .BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("ScanParallelism", ex.Message, StringComparison.Ordinal);
    }
}

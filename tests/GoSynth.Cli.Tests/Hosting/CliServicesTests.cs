using GoSynth.Builder.Configuration;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Tests.Support;
using GoSynth.Pkg;
using GoSynth.Pkg.Scanning;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Cli.Tests.Hosting;

/// <summary>The composition root: the configuration it reads is the one instance every service is given.</summary>
public sealed class CliServicesTests
{
    private static CliInvocation Invocation(GlobalSettings global, CliHost? host = null)
    {
        host ??= new CliHost();
        return new CliInvocation
        {
            Directive = "build",
            Parse = GoSynthApp.CreateRootCommand(host).Parse(["version"]),
            Global = global,
            Host = host,
            CancellationToken = TestContext.Current.CancellationToken,
        };
    }

    [Fact]
    public async Task Create_ReadsDsynthIniAndTheFlags_IntoTheOptionsTheServicesAreGiven()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var fromFile = DsynthConfiguration.Load(etc);

        var services = CliServices.Create(Invocation(new GlobalSettings { ConfigDirectory = etc, SlowStart = 3, Development = true }), ConfigurationUse.Required);
        await using var dispose = services;

        Assert.Same(services.Get<IOptions<BuilderOptions>>().Value, services.Options);
        Assert.Equal(fromFile.PortsDirectory, services.Options.PortsDirectory);
        Assert.Equal(fromFile.LogsDirectory, services.Options.LogsDirectory);
        Assert.Equal(fromFile.DistfilesDirectory, services.Options.DistfilesDirectory);
        Assert.Equal(fromFile.NumberOfBuilders, services.Options.NumberOfBuilders);
        Assert.Equal(fromFile.DisableThrottle, services.Options.DisableThrottle);
        Assert.Equal(Path.Combine(etc, "dsynth.ini"), services.Options.ConfigurationFile);
        Assert.Equal(3, services.Options.SlowStart);
        Assert.True(services.Options.CheckPlist);
        Assert.Contains("DEVELOPER=yes", services.Options.MakeConf);
        Assert.Equal(fromFile.PortsDirectory, services.Scan.PortsDirectory);
    }

    [Fact]
    public async Task Create_AHostsOwnConfiguration_IsWhatTheDirectiveSees()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        var host = new CliHost { ConfigureServices = s => s.Configure<BuilderOptions>(o => o.NumberOfBuilders = 7) };

        var services = CliServices.Create(Invocation(new GlobalSettings { ConfigDirectory = etc }, host), ConfigurationUse.Required);
        await using var dispose = services;

        Assert.Equal(7, services.Options.NumberOfBuilders);
        Assert.Same(services.Get<IOptions<BuilderOptions>>().Value, services.Options);
    }

    [Fact]
    public async Task Create_EachOptionsTypeIsConfiguredOnce_AndValidatedIsWhatTheServicesGet()
    {
        using var dir = new TempDirectory();
        var etc = CliRun.Configure(dir);
        int builder = 0, pkg = 0;
        var host = new CliHost
        {
            ConfigureServices = s => s.Configure<BuilderOptions>(_ => builder++).Configure<PkgOptions>(_ => pkg++),
        };

        var services = CliServices.Create(Invocation(new GlobalSettings { ConfigDirectory = etc }, host), ConfigurationUse.Required);
        await using var dispose = services;
        _ = services.Get<PortScanner>();

        Assert.Equal((1, 1), (builder, pkg));
        Assert.Same(services.Get<IOptionsMonitor<PkgOptions>>().CurrentValue, services.Get<IOptions<PkgOptions>>().Value);
        Assert.Same(services.Get<IOptionsMonitor<BuilderOptions>>().CurrentValue, services.Options);
    }

    [Fact]
    public void Create_MissingConfiguration_ThrowsTheConfigurationError()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<BuilderConfigurationException>(() =>
            CliServices.Create(Invocation(new GlobalSettings { ConfigDirectory = dir.Combine("nowhere") }), ConfigurationUse.Required));

        Assert.Contains(dir.Combine("nowhere"), error.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Configuration, CliErrors.ExitCodeOf(error));
    }
}

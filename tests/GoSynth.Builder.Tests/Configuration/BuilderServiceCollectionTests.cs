using GoSynth.Builder.Configuration;
using GoSynth.BuildDb;
using GoSynth.Environment;
using GoSynth.Environment.Slots;
using GoSynth.Pkg;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Tests.Configuration;

public sealed class BuilderServiceCollectionTests
{
    [Fact]
    public void AddGoSynthBuilder_Alone_ConfiguresTheLowerPackagesFromTheBuilderOptions()
    {
        var services = new ServiceCollection();
        services.AddGoSynthBuilder(o =>
        {
            o.PortsDirectory = "/p/ports";
            o.BuildBase = "/p/base";
            o.DistfilesDirectory = "/p/dist";
            o.PackagesDirectory = "/p/pk";
            o.OptionsDirectory = "/p/opt";
            o.MetadataCacheDirectory = "/p/cache";
            o.SlotBackend = BuilderSlotBackend.Host;
        });
        using var provider = services.BuildServiceProvider();

        var pkg = provider.GetRequiredService<IOptions<PkgOptions>>().Value;
        var db = provider.GetRequiredService<IOptions<BuildDbOptions>>().Value;
        var env = provider.GetRequiredService<IOptions<EnvironmentOptions>>().Value;
        Assert.Equal("/p/ports", pkg.PortsDirectory);
        Assert.Equal("/p/cache", pkg.CacheDirectory);
        Assert.Equal("/p/base/gosynth.db", db.Path);
        Assert.Equal("/p/base", env.Slots.BuildBase);
        Assert.Equal("/p/ports", env.Slots.PortsDirectory);
        Assert.Equal("/p/dist", env.Slots.DistfilesDirectory);
        Assert.Equal("/p/pk", env.Slots.PackagesDirectory);
        Assert.Equal("/p/opt", env.Slots.OptionsDirectory);
        Assert.Equal(SlotBackend.Host, env.Slots.Backend);
        Assert.NotNull(provider.GetRequiredService<IBuildDatabaseFactory>());
        Assert.NotNull(provider.GetRequiredService<GoSynth.Pkg.Scanning.PortScanner>());
    }

    [Fact]
    public void AddGoSynthBuilder_Twice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddGoSynthBuilder();
        services.AddGoSynthBuilder();

        Assert.Single(services, d => d.ServiceType == typeof(IValidateOptions<BuilderOptions>));
        Assert.Single(services, d => d.ServiceType == typeof(IBuildDatabaseFactory));
        Assert.Single(services, d => d.ServiceType == typeof(IConfigureOptions<PkgOptions>) && d.ImplementationType?.Name == "LowerOptionsSetup");
        Assert.Single(services, d => d.ServiceType == typeof(GoSynth.Pkg.Scanning.PortScanner));
    }

    [Fact]
    public void ValidateOnStart_BadOptions_EveryFailureReported()
    {
        var services = new ServiceCollection();
        services.AddGoSynthBuilder(o =>
        {
            o.NumberOfBuilders = 0;
            o.LogsDirectory = "logs";
            o.PackageSuffix = ".zip";
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var text = string.Join("\n", e.Failures);
        Assert.Contains("NumberOfBuilders", text, StringComparison.Ordinal);
        Assert.Contains("Directory_logs must be an absolute path", text, StringComparison.Ordinal);
        Assert.Contains("Package_suffix '.zip'", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_DefaultOptions_Pass()
    {
        var services = new ServiceCollection();
        services.AddGoSynthBuilder();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(BuilderOptions.DefaultProfile, provider.GetRequiredService<IOptions<BuilderOptions>>().Value.Profile);
    }

    [Fact]
    public async Task AddGoSynthBuilder_Throttle_DynamicByDefaultAndOffWhenDisabled()
    {
        using var throttled = new ServiceCollection().AddGoSynthBuilder(o => o.NumberOfBuilders = 6).BuildServiceProvider();
        using var disabled = new ServiceCollection().AddGoSynthBuilder(o =>
        {
            o.NumberOfBuilders = 6;
            o.DisableThrottle = true;
        }).BuildServiceProvider();

        Assert.IsType<GoSynth.Builder.Scheduling.MetricsWorkerLimit>(throttled.GetRequiredService<GoSynth.Builder.Scheduling.IWorkerLimit>());
        Assert.Equal(6, await disabled.GetRequiredService<GoSynth.Builder.Scheduling.IWorkerLimit>().GetLimitAsync(0, TestContext.Current.CancellationToken));
    }
}

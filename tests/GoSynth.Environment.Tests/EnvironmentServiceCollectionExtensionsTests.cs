using GoSynth.Environment.Metrics;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Environment.Tests;

public sealed class EnvironmentServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddGoSynthEnvironment_Resolves_RunnerMetricsAndSlots()
    {
        using var bed = new Testing.TempDirectory();
        var services = new ServiceCollection().AddGoSynthEnvironment(o =>
        {
            o.Slots.BuildBase = bed.Path;
            o.Slots.Backend = SlotBackend.Host;
        });
        await using var provider = services.BuildServiceProvider();

        var runner = provider.GetRequiredService<IProcessRunner>();
        var result = await runner.RunAsync(new ProcessSpec("/bin/true", []), cancellationToken: TestContext.Current.CancellationToken);

        Assert.IsType<ProcessRunner>(runner);
        Assert.True(result.Succeeded);
        Assert.NotNull(provider.GetRequiredService<ISystemMetrics>());
        Assert.Equal(SlotBackend.Host, provider.GetRequiredService<SlotEnvironment>().Backend);
    }

    [Fact]
    public void AddGoSynthEnvironment_InvalidOptions_FailValidation()
    {
        var services = new ServiceCollection().AddGoSynthEnvironment(o => o.Slots.ConstructionSize = "lots");
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<EnvironmentOptions>>().Value);

        Assert.Contains("ConstructionSize", e.Message, StringComparison.Ordinal);
    }
}

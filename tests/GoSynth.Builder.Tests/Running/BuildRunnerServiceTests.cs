using GoSynth.Builder.Events;
using GoSynth.Builder.Running;
using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Tests.Running;

/// <summary>The runner as <c>AddGoSynthBuilder</c> composes it.</summary>
public sealed class BuildRunnerServiceTests
{
    [Fact]
    public async Task AddGoSynthBuilder_RegisteredAndRunSinks_BothReceiveEveryEventAndTheRegisteredExecutorBuilds()
    {
        Assert.SkipUnless(RunFixture.HasBmake(), "bmake is not installed (eng/prereqs.sh installs it)");
        using var fixture = new RunFixture();
        var registered = new RecordingSink();
        var perRun = new RecordingSink();
        var executor = fixture.Executor();
        var services = new ServiceCollection()
            .AddGoSynthBuilder(o =>
            {
                o.PortsDirectory = fixture.Ports;
                o.PackagesDirectory = fixture.Options.PackagesDirectory;
                o.BuildBase = fixture.Options.BuildBase;
                o.LogsDirectory = fixture.Options.LogsDirectory;
                o.NumberOfBuilders = 2;
                o.MaxJobsPerBuilder = 1;
                o.DisableThrottle = true;
            })
            .AddSingleton<IBuildEventSink>(registered)
            .AddSingleton<IPortBuildExecutorFactory>(executor);
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var result = await provider.GetRequiredService<BuildRunner>().RunAsync(
            new BuildRunOptions { Ports = ["misc/hello"], Sinks = [perRun] }, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Contains(executor.Requests, r => r.Node.Id.ToString() == "misc/hello");
        Assert.Equal(2, Assert.Single(executor.Contexts).Slots);
        Assert.NotEmpty(registered.Events);
        Assert.Equal(registered.Events.Select(e => e.GetType().Name + e.Time.Ticks), perRun.Events.Select(e => e.GetType().Name + e.Time.Ticks));
        Assert.Equal((1, 1), (registered.Flushes, perRun.Flushes));
    }
}

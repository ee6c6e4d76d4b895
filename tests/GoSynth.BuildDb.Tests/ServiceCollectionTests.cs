using GoSynth.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoSynth.BuildDb.Tests;

public sealed class ServiceCollectionTests
{
    [Fact]
    public async Task AddGoSynthBuildDb_Configured_FactoryOpensWriterAndReader()
    {
        using var dir = new TempDirectory();
        var path = Db.PathIn(dir);
        var services = new ServiceCollection().AddGoSynthBuildDb(o =>
        {
            o.Path = path;
            o.Durability = Durability.None;
        });
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IBuildDatabaseFactory>();

        await using (var writer = await factory.OpenAsync(TestContext.Current.CancellationToken))
        {
            await writer.StartRunAsync("p", TestContext.Current.CancellationToken);
        }

        await using var reader = await factory.OpenReadOnlyAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, reader.GetStatistics().Runs);
        Assert.True(reader.IsReadOnly);
    }

    [Fact]
    public void AddGoSynthBuildDb_InvalidOptions_FailValidationNamingTheOption()
    {
        var services = new ServiceCollection().AddGoSynthBuildDb(o => o.DurationSamples = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BuildDbOptions>>().Value);

        Assert.Contains("DurationSamples", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddGoSynthBuildDb_CalledTwice_RegistersOneFactory()
    {
        var services = new ServiceCollection().AddGoSynthBuildDb().AddGoSynthBuildDb();

        Assert.Single(services, d => d.ServiceType == typeof(IBuildDatabaseFactory));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IBuildDatabaseFactory>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => factory.OpenAsync(TestContext.Current.CancellationToken));
    }
}

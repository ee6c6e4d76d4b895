using GoSynth.BuildDb;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GoSynth.BuildDb.</summary>
public static class BuildDbServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IBuildDatabaseFactory"/> with default <see cref="BuildDbOptions"/> (set the path through configuration).</summary>
    public static IServiceCollection AddGoSynthBuildDb(this IServiceCollection services) => services.AddGoSynthBuildDb(static _ => { });

    /// <summary>Registers <see cref="IBuildDatabaseFactory"/> with options configured by <paramref name="configure"/>.</summary>
    public static IServiceCollection AddGoSynthBuildDb(this IServiceCollection services, Action<BuildDbOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BuildDbOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BuildDbOptions>, BuildDbOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBuildDatabaseFactory, DefaultBuildDatabaseFactory>();
        return services;
    }
}

using GoSynth.Environment;
using GoSynth.Environment.Metrics;
using GoSynth.Environment.Processes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GoSynth.Environment's services.</summary>
public static class EnvironmentServiceCollectionExtensions
{
    /// <summary>Registers the process runner (<see cref="IProcessRunner"/>), slot factories and system metrics with default options.</summary>
    public static IServiceCollection AddGoSynthEnvironment(this IServiceCollection services) => services.AddGoSynthEnvironment(_ => { });

    /// <summary>Registers the process runner (<see cref="IProcessRunner"/>), slot factories and system metrics.</summary>
    public static IServiceCollection AddGoSynthEnvironment(this IServiceCollection services, Action<EnvironmentOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EnvironmentOptions>().Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProcessRunner>(sp => new ProcessRunner(
            sp.GetService<ILogger<ProcessRunner>>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => SystemMetrics.CreateForHost(sp.GetRequiredService<IProcessRunner>()));
        return services;
    }
}

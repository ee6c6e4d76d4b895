using GoSynth.Environment;
using GoSynth.Environment.Metrics;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GoSynth.Environment's services.</summary>
public static class EnvironmentServiceCollectionExtensions
{
    /// <summary>Registers the process runner (<see cref="IProcessRunner"/>), system metrics (<see cref="ISystemMetrics"/>) and the slot environment (<see cref="SlotEnvironment"/>) with default options.</summary>
    public static IServiceCollection AddGoSynthEnvironment(this IServiceCollection services) => services.AddGoSynthEnvironment(_ => { });

    /// <summary>Registers the process runner (<see cref="IProcessRunner"/>), system metrics (<see cref="ISystemMetrics"/>) and the slot environment (<see cref="SlotEnvironment"/>).</summary>
    public static IServiceCollection AddGoSynthEnvironment(this IServiceCollection services, Action<EnvironmentOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<EnvironmentOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EnvironmentOptions>, EnvironmentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProcessRunner>(sp => new ProcessRunner(
            sp.GetService<ILogger<ProcessRunner>>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => SystemMetrics.CreateForHost(sp.GetRequiredService<IProcessRunner>()));
        services.TryAddSingleton(sp => SlotEnvironment.Create(
            sp.GetRequiredService<IOptions<EnvironmentOptions>>().Value.Slots,
            sp.GetRequiredService<IProcessRunner>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}

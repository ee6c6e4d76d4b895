using GoSynth.Environment.Processes;
using GoSynth.Pkg;
using GoSynth.Pkg.Scanning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers GoSynth.Pkg's services: <see cref="PkgOptions"/> (validated at start) and <see cref="PortScanner"/>, and
/// first what they need from GoSynth.Environment (<c>AddGoSynthEnvironment</c>, idempotent), so one call is complete.
/// </summary>
public static class PkgServiceCollectionExtensions
{
    /// <summary>Adds GoSynth.Pkg (and GoSynth.Environment's services when not yet added) with default options.</summary>
    public static IServiceCollection AddGoSynthPkg(this IServiceCollection services) => services.AddGoSynthPkg(_ => { });

    /// <summary>Adds GoSynth.Pkg (and GoSynth.Environment's services when not yet added) and configures its options.</summary>
    public static IServiceCollection AddGoSynthPkg(this IServiceCollection services, Action<PkgOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddGoSynthEnvironment();
        services.AddOptionsWithValidateOnStart<PkgOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PkgOptions>, PkgOptionsValidator>());
        services.TryAddSingleton(sp => new PortScanner(
            sp.GetRequiredService<IOptions<PkgOptions>>().Value,
            sp.GetRequiredService<IProcessRunner>(),
            sp.GetService<ILogger<PortScanner>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}

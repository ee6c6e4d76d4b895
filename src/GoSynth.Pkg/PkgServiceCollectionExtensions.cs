using GoSynth.Environment.Processes;
using GoSynth.Pkg;
using GoSynth.Pkg.Scanning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GoSynth.Pkg's services: <see cref="PkgOptions"/> (validated at start) and <see cref="PortScanner"/>.</summary>
public static class PkgServiceCollectionExtensions
{
    /// <summary>Adds GoSynth.Pkg with default options. Needs an <see cref="IProcessRunner"/> (<c>AddGoSynthEnvironment</c>).</summary>
    public static IServiceCollection AddGoSynthPkg(this IServiceCollection services) => services.AddGoSynthPkg(_ => { });

    /// <summary>Adds GoSynth.Pkg and configures its options. Needs an <see cref="IProcessRunner"/> (<c>AddGoSynthEnvironment</c>).</summary>
    public static IServiceCollection AddGoSynthPkg(this IServiceCollection services, Action<PkgOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PkgOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PkgOptions>, PkgOptionsValidator>());
        services.TryAddSingleton(sp => new PortScanner(
            sp.GetRequiredService<IOptions<PkgOptions>>().Value,
            sp.GetRequiredService<IProcessRunner>(),
            sp.GetService<ILogger<PortScanner>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}

using GoSynth.Builder.Configuration;
using GoSynth.Builder.Configuration.Internal;
using GoSynth.Builder.Events;
using GoSynth.Builder.Execution;
using GoSynth.Builder.Metrics;
using GoSynth.Builder.Reporting;
using GoSynth.Builder.Running;
using GoSynth.Builder.Scheduling;
using GoSynth.Builder.Scheduling.Internal;
using GoSynth.BuildDb;
using GoSynth.Environment;
using GoSynth.Environment.Metrics;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using GoSynth.Pkg;
using GoSynth.Pkg.Scanning;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GoSynth.Builder and, through it, everything it needs from GoSynth.Pkg, GoSynth.BuildDb and GoSynth.Environment.</summary>
public static class BuilderServiceCollectionExtensions
{
    /// <summary>Registers the builder with default <see cref="BuilderOptions"/>.</summary>
    public static IServiceCollection AddGoSynthBuilder(this IServiceCollection services) => services.AddGoSynthBuilder(static _ => { });

    /// <summary>
    /// Registers the builder, its options (validated at start) and the lower packages (<c>AddGoSynthEnvironment</c>,
    /// <c>AddGoSynthPkg</c>, <c>AddGoSynthBuildDb</c>, each idempotent), whose options follow the builder's: the ports
    /// tree, metadata cache and target profile of the scan, the build database path, the slots' directories and backend.
    /// The throttle (<see cref="IWorkerLimit"/>) is dsynth's dynamic limit over the host's metrics, or none with
    /// <c>Disable_throttle</c>.
    /// The <see cref="BuildRunner"/> does a run with the registered <see cref="IPortBuildExecutorFactory"/> (when one is
    /// registered) and hands every event to all registered <see cref="IBuildEventSink"/> services and the run's own sinks.
    /// Typical use: <c>services.AddGoSynthBuilder(o =&gt; DsynthConfiguration.LoadInto(o))</c>.
    /// </summary>
    public static IServiceCollection AddGoSynthBuilder(this IServiceCollection services, Action<BuilderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddGoSynthEnvironment();
        services.AddGoSynthPkg();
        services.AddGoSynthBuildDb();
        services.AddOptionsWithValidateOnStart<BuilderOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BuilderOptions>, BuilderOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<PkgOptions>, LowerOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<BuildDbOptions>, LowerOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<EnvironmentOptions>, LowerOptionsSetup>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWorkerLimit>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BuilderOptions>>().Value;
            return options.DisableThrottle
                ? new UnthrottledWorkerLimit(options.EffectiveMaxBuilders)
                : new MetricsWorkerLimit(
                    sp.GetRequiredService<ISystemMetrics>(),
                    new DynamicWorkerLimit(options.EffectiveMaxBuilders, System.Environment.ProcessorCount) { InitialWorkers = options.SlowStart ?? 1 },
                    sp.GetService<TimeProvider>());
        });
        // Where ports are built: the local slot pool (a later remote executor replaces this registration).
        services.TryAddSingleton<IPortBuildExecutorFactory>(sp => new LocalSlotExecutorFactory(
            sp.GetRequiredService<SlotEnvironment>(), sp.GetService<ILogger<LocalSlotExecutor>>(), timeProvider: sp.GetService<TimeProvider>()));

        // What every run leaves in the logs directory: dsynth's logs 00-07, the monitor file, summary.json and the
        // HTML report, and dsynth's hooks.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuildEventSink, DsynthLogSink>(sp => new DsynthLogSink(
            sp.GetRequiredService<IOptions<BuilderOptions>>().Value.LogsDirectory, sp.GetService<ILogger<DsynthLogSink>>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuildEventSink, MonitorSink>(sp => new MonitorSink(
            Path.Combine(sp.GetRequiredService<IOptions<BuilderOptions>>().Value.LogsDirectory, MonitorSink.DefaultFileName),
            sp.GetService<ISystemMetrics>(), sp.GetService<TimeProvider>(), sp.GetService<ILogger<MonitorSink>>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuildEventSink, ReportSink>(sp => new ReportSink(
            sp.GetRequiredService<IOptions<BuilderOptions>>().Value.LogsDirectory, sp.GetService<ILogger<ReportSink>>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuildEventSink, HookSink>(sp => new HookSink(
            HookOptions.FromBuilderOptions(sp.GetRequiredService<IOptions<BuilderOptions>>().Value),
            sp.GetRequiredService<IProcessRunner>(), sp.GetService<ILogger<HookSink>>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuildEventSink, BuilderMetrics>(BuilderMetrics.FromServices));
        services.TryAddSingleton(sp => new BuildRunner(
            sp.GetRequiredService<IOptions<BuilderOptions>>(),
            sp.GetRequiredService<PortScanner>(),
            sp.GetRequiredService<IBuildDatabaseFactory>(),
            sp.GetService<IPortBuildExecutorFactory>(),
            sp.GetServices<IBuildEventSink>(),
            sp.GetService<IWorkerLimit>(),
            sp.GetService<SlotEnvironment>(),
            sp.GetService<ILogger<BuildRunner>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}

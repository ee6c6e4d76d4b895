using System.Diagnostics.Metrics;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Events;
using GoSynth.Builder.Running;
using GoSynth.Web;
using GoSynth.Web.Api;
using GoSynth.Web.Events;
using GoSynth.Web.History;
using GoSynth.Web.Metrics;
using GoSynth.Web.Runs;
using GoSynth.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers GoSynth.Web and, through it, the builder (<c>AddGoSynthBuilder</c>, idempotent).</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>Registers the web endpoints' services with default <see cref="GoSynthWebOptions"/>.</summary>
    public static IServiceCollection AddGoSynthWeb(this IServiceCollection services) => services.AddGoSynthWeb(static _ => { });

    /// <summary>
    /// Registers what <c>MapGoSynth</c> serves: the options (validated at start, the token file included), the bearer
    /// token, the event hub (a build event sink that numbers, keeps and streams events), the build manager (one build
    /// at a time), the shared view of the build history, the Prometheus registry fed by the builder's meter, the
    /// OpenAPI document, problem details and the API's JSON context. Calls <c>AddGoSynthBuilder()</c>, <c>AddMetrics()</c>
    /// and <c>AddProblemDetails()</c> first; configure the builder with your own <c>AddGoSynthBuilder(…)</c> call.
    /// </summary>
    public static IServiceCollection AddGoSynthWeb(this IServiceCollection services, Action<GoSynthWebOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddGoSynthBuilder();
        services.AddMetrics();
        services.AddProblemDetails();
        services.AddOptionsWithValidateOnStart<GoSynthWebOptions>().Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GoSynthWebOptions>, GoSynthWebOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GoSynthWebOptions>, TokenOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => WebAccessToken.Create(sp.GetRequiredService<IOptions<GoSynthWebOptions>>().Value));
        services.TryAddSingleton(sp => new HistoryReader(sp.GetRequiredService<IOptions<BuilderOptions>>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new EventHub(sp.GetRequiredService<IOptions<GoSynthWebOptions>>(), sp.GetRequiredService<HistoryReader>(), sp.GetService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBuildEventSink, EventHub>(sp => sp.GetRequiredService<EventHub>()));
        services.TryAddSingleton(sp => new BuildManager(
            sp.GetRequiredService<BuildRunner>(), sp.GetService<ILogger<BuildManager>>(), sp.GetService<IHostApplicationLifetime>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new PlanExplainer(sp.GetRequiredService<BuildRunner>()));
        services.TryAddSingleton<AccessPolicy>();
        services.TryAddSingleton(sp => new PrometheusExporter(sp.GetService<IMeterFactory>()));
        services.ConfigureHttpJsonOptions(o =>
        {
            if (!o.SerializerOptions.TypeInfoResolverChain.Contains(WebJsonContext.Default))
            {
                o.SerializerOptions.TypeInfoResolverChain.Insert(0, WebJsonContext.Default);
            }
        });
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "GoSynth";
            document.Info.Description = "Drive and watch GoSynth builds: runs, live events (Server-Sent Events), ports, logs.";
            return Task.CompletedTask;
        }));
        return services;
    }
}

using GoSynth.Builder.Events;
using GoSynth.Web.Api;
using GoSynth.Web.Dashboard;
using GoSynth.Web.Metrics;
using GoSynth.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps GoSynth's endpoints into any ASP.NET Core host.</summary>
public static class GoSynthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under <paramref name="prefix"/>: the dashboard (<c>/</c>), the REST API (<c>/api/v1/…</c>: runs, live
    /// events, ports, logs, status), its OpenAPI description (<c>/api/v1/openapi.json</c>), <c>/metrics</c> in
    /// Prometheus' text format, <c>/healthz</c> and <c>/readyz</c>. Every endpoint checks who asks (loopback, or the
    /// network as <c>GoSynthWebOptions.NetworkAccess</c> allows); start and cancel need the bearer token. Needs
    /// <c>services.AddGoSynthWeb()</c>.
    /// </summary>
    /// <param name="endpoints">The host's routes.</param>
    /// <param name="prefix">Where to mount (e.g. <c>/gosynth</c>); empty for the root.</param>
    /// <returns>The group holding every GoSynth endpoint, for more conventions.</returns>
    public static IEndpointConventionBuilder MapGoSynth(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var services = endpoints.ServiceProvider;

        // The sinks (the metrics among them) exist from the start, so /metrics shows the gauges before any build.
        _ = services.GetServices<IBuildEventSink>().ToList();
        var exporter = services.GetRequiredService<PrometheusExporter>();

        var root = endpoints.MapGroup(prefix);
        root.AddEndpointFilter(WebFilters.Problems).AddEndpointFilter(WebFilters.Read);
        var api = root.MapGroup("/api/v1").WithTags("gosynth");
        RunEndpoints.Map(api);
        EventStreamEndpoints.Map(api);
        PortEndpoints.Map(api);
        LogEndpoints.Map(api);
        HealthEndpoints.Map(root, api);
        DashboardEndpoints.Map(root);
        root.MapOpenApi("/api/{documentName}/openapi.json");
        root.MapMetrics("/metrics", exporter.Registry).Add(builder =>
        {
            // /metrics is a plain request delegate, not a route handler: endpoint filters do not run for it.
            var inner = builder.RequestDelegate!;
            builder.RequestDelegate = async context =>
            {
                if (context.RequestServices.GetRequiredService<AccessPolicy>().CheckRead(context) is { } refused)
                {
                    await refused.ExecuteAsync(context).ConfigureAwait(false);
                    return;
                }

                await inner(context).ConfigureAwait(false);
            };
        });
        return root;
    }
}

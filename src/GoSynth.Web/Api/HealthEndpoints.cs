using GoSynth.Builder.Configuration;
using GoSynth.Web.Events;
using GoSynth.Web.History;
using GoSynth.Web.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Api;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (it can serve: directories and build database readable) and <c>/api/v1/status</c>.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder root, RouteGroupBuilder api)
    {
        root.MapGet("/healthz", () => TypedResults.Ok(new HealthDto("ok", []))).WithName("Health").WithSummary("Liveness: the server answers.");
        root.MapGet("/readyz", ReadyAsync).WithName("Ready").WithSummary("Readiness: the ports tree, the logs directory and the build database can be read.");
        api.MapGet("/status", (EventHub hub, BuildManager builds, IOptions<BuilderOptions> builder) =>
        {
            var running = hub.RunningRunId();
            var version = typeof(HealthEndpoints).Assembly.GetName().Version?.ToString() ?? "";
            return TypedResults.Ok(new ServerStatusDto(version, running is not null || builds.Active is not null, running, hub.LastEventId, hub.Subscribers, builder.Value.Profile, hub.Status()));
        }).WithName("Status").WithSummary("The server: whether a build runs, the last event id, the live streams.");
    }

    private static async Task<IResult> ReadyAsync(HistoryReader history, IOptions<BuilderOptions> builder, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var options = builder.Value;
        if (!Directory.Exists(options.PortsDirectory))
        {
            problems.Add($"the ports tree {options.PortsDirectory} does not exist");
        }

        var logs = options.LogsDirectory;
        if (!Directory.Exists(logs) && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(logs))))
        {
            problems.Add($"the logs directory {logs} and its parent do not exist");
        }

        try
        {
            await history.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"the build database {history.Path} cannot be read: {e.Message}");
        }

        return problems.Count == 0
            ? TypedResults.Ok(new HealthDto("ready", []))
            : TypedResults.Json(new HealthDto("not ready", problems), WebJsonContext.Default.HealthDto, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

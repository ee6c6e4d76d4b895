using GoSynth.Builder.Configuration;
using GoSynth.Pkg.Ports;
using GoSynth.Web.History;
using GoSynth.Web.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Api;

/// <summary><c>/api/v1/ports/{category}/{name}</c>: why a port is (not) built, its attempts, its latest log.</summary>
internal static class PortEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var port = api.MapGroup("/ports/{category}/{name}");
        port.MapGet("/why", WhyAsync).WithName("WhyPort").WithSummary("The plan's reason chain for the port, as a build now would decide.");
        port.MapGet("/history", HistoryAsync).WithName("PortHistory").WithSummary("The port's attempts in the build history, newest first (?take=, default 50).");
        port.MapGet("/log", (string category, string name, int? tail, IOptions<BuilderOptions> builder, IOptions<GoSynthWebOptions> options, HttpContext http, CancellationToken ct) =>
                LogEndpoints.FileAsync(http, builder.Value.LogsDirectory, LogName(category, name), tail ?? options.Value.DefaultTailLines, options.Value.MaxTailLines, download: false, ct))
            .WithName("PortLogTail").WithSummary("The last lines of the port's latest log (?tail=, default 200).").Produces<string>(contentType: "text/plain");
        port.MapGet("/log/download", (string category, string name, IOptions<BuilderOptions> builder, IOptions<GoSynthWebOptions> options, HttpContext http, CancellationToken ct) =>
                LogEndpoints.FileAsync(http, builder.Value.LogsDirectory, LogName(category, name), null, options.Value.MaxTailLines, download: true, ct))
            .WithName("PortLogDownload").WithSummary("The port's latest log, whole, as a download.").Produces<string>(contentType: "text/plain");
    }

    private static async Task<IResult> WhyAsync(string category, string name, PlanExplainer explainer, CancellationToken cancellationToken)
    {
        var port = $"{category}/{name}";
        if (Validation.CheckPort(port) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Bad port");
        }

        try
        {
            return TypedResults.Ok(await explainer.ExplainAsync(port, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is PortSpecException or KeyNotFoundException or ArgumentException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "No such port");
        }
    }

    private static async Task<IResult> HistoryAsync(string category, string name, int? take, HistoryReader history, CancellationToken cancellationToken)
    {
        var port = $"{category}/{name}";
        if (Validation.CheckPort(port) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Bad port");
        }

        if (take is < 1 or > 10_000)
        {
            return Results.Problem("take must be between 1 and 10000.", statusCode: StatusCodes.Status400BadRequest, title: "Bad take");
        }

        var database = await history.GetAsync(cancellationToken).ConfigureAwait(false);
        var attempts = database?.GetHistory(port, take ?? 50).Select(AttemptDto.From).ToList() ?? [];
        return TypedResults.Ok(new HistoryDto(port, database?.ExpectedDuration(port)?.TotalSeconds, attempts));
    }

    /// <summary>The log file name of a port (dsynth's <c>category___port[@flavor].log</c>), or null when the name is malformed.</summary>
    private static string? LogName(string category, string name) =>
        Validation.CheckPort($"{category}/{name}") is null && PortId.TryParse($"{category}/{name}", out var id) ? id.Value.LogName + ".log" : null;
}

using System.Text.Json;
using GoSynth.Web.Events;
using GoSynth.Web.History;
using GoSynth.Web.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Api;

/// <summary><c>/api/v1/runs</c>: the history's runs, one run with its totals, start a build, cancel one.</summary>
internal static class RunEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/runs", ListAsync).WithName("ListRuns").WithSummary("The runs in the build history, newest first.");
        api.MapGet("/runs/current", Current).WithName("CurrentRun").WithSummary("The state of the current (or last) run from its live events.");
        api.MapGet("/runs/{id:long}", GetAsync).WithName("GetRun").WithSummary("One run with its totals; ?ports=true adds its attempts.");
        api.MapPost("/runs", StartAsync)
            .WithName("StartBuild")
            .WithSummary("Starts a build (needs the bearer token). Body: {\"ports\": [...], \"force\": false, \"justBuild\": false}; no ports builds everything.")
            .Produces<StartedDto>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .AddEndpointFilter(WebFilters.Write);
        api.MapPost("/runs/{id:long}/cancel", CancelAsync)
            .WithName("CancelBuild")
            .WithSummary("Cancels the build of a run this server runs (needs the bearer token).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddEndpointFilter(WebFilters.Write);
    }

    private static async Task<IResult> ListAsync(HistoryReader history, EventHub hub, int? skip, int? take, CancellationToken cancellationToken)
    {
        if (skip is < 0 || take is < 1 or > 1000)
        {
            return Results.Problem("skip must be 0 or more and take between 1 and 1000.", statusCode: StatusCodes.Status400BadRequest, title: "Bad paging");
        }

        var database = await history.GetAsync(cancellationToken).ConfigureAwait(false);
        var live = hub.RunningRunId();
        var runs = database?.ListRuns(skip ?? 0, take ?? 50).Select(r => RunDto.From(r, live)).ToList() ?? [];
        return TypedResults.Ok(new RunListDto(runs, live));
    }

    private static IResult Current(EventHub hub) =>
        hub.Snapshot() is { } snapshot
            ? TypedResults.Ok(snapshot)
            : Results.Problem("No run has been seen by this server yet.", statusCode: StatusCodes.Status404NotFound, title: "No run");

    private static async Task<IResult> GetAsync(long id, bool? ports, HistoryReader history, EventHub hub, CancellationToken cancellationToken)
    {
        var database = await history.GetAsync(cancellationToken).ConfigureAwait(false);
        var run = database?.GetRun(id);
        var live = hub.Status(id);
        if (run is null)
        {
            return live is null
                ? Results.Problem($"There is no run {id} in the build history.", statusCode: StatusCodes.Status404NotFound, title: "No such run")
                : TypedResults.Ok(new RunDetailDto(new RunDto(id, "", live.Now.AddSeconds(-live.ElapsedSeconds), null, "running", null, new AttemptCounts(0, 0, 0, 0, 0, 0, 0, 0, 0), true), live, null));
        }

        var attempts = ports == true ? database!.GetRunAttempts(id).Select(AttemptDto.From).ToList() : null;
        return TypedResults.Ok(new RunDetailDto(RunDto.From(run, hub.RunningRunId()), live, attempts));
    }

    private static async Task<IResult> StartAsync(HttpContext http, BuildManager builds, IOptions<GoSynthWebOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (http.Request.ContentLength == 0 || (http.Request.ContentLength is null && !http.Request.Headers.TransferEncoding.Any()))
        {
            return BadRequest("The request has no body: send a JSON object, {} to build everything or {\"ports\": [\"category/port\"]}.");
        }

        if (!http.Request.HasJsonContentType())
        {
            return Results.Problem("The body must be JSON (Content-Type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        // Read at most one byte past the limit ourselves: a chunked body has no length to check up front.
        var buffer = new byte[limit + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        if (length > limit)
        {
            return TooLarge(limit);
        }

        StartBuildRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(buffer.AsSpan(0, length), WebJsonContext.Default.StartBuildRequest);
        }
        catch (JsonException e)
        {
            return BadRequest($"The body is not a build request: {e.Message}");
        }

        if (request is null)
        {
            return BadRequest("The body is null; send a JSON object.");
        }

        var ports = request.Ports ?? [];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (ports.Count > Validation.MaxPorts)
        {
            errors["ports"] = [$"at most {Validation.MaxPorts} ports"];
        }
        else if (ports.Count == 1 && ports[0] == "everything")
        {
            ports = [];
        }
        else
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if (Validation.CheckPort(ports[i]) is { } problem)
                {
                    errors[$"ports[{i}]"] = [problem];
                }
            }
        }

        if (request.Force && ports.Count == 0)
        {
            errors["force"] = ["force needs the ports to rebuild"];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "The build request is not valid");
        }

        var outcome = await builds.StartAsync(ports, request.Force, request.JustBuild, cancellationToken).ConfigureAwait(false);
        return outcome.Status switch
        {
            StartStatus.Started => TypedResults.Accepted($"/api/v1/runs/{outcome.RunId}", new StartedDto(outcome.RunId, $"/api/v1/runs/{outcome.RunId}", $"/api/v1/runs/{outcome.RunId}/events")),
            StartStatus.Conflict => Results.Problem($"A build is already running: {outcome.Detail}.", statusCode: StatusCodes.Status409Conflict, title: "A build is running"),
            StartStatus.Invalid => BadRequest(outcome.Detail!),
            _ => Results.Problem(outcome.Detail, statusCode: StatusCodes.Status500InternalServerError, title: "The build could not start"),
        };
    }

    private static async Task<IResult> CancelAsync(long id, BuildManager builds, HistoryReader history, CancellationToken cancellationToken)
    {
        if (builds.Cancel(id))
        {
            return TypedResults.Accepted($"/api/v1/runs/{id}", new CancelDto(id, "cancelling"));
        }

        var database = await history.GetAsync(cancellationToken).ConfigureAwait(false);
        return database?.GetRun(id) switch
        {
            null => Results.Problem($"There is no run {id} in the build history.", statusCode: StatusCodes.Status404NotFound, title: "No such run"),
            { Outcome: BuildDb.RunOutcome.Running } => Results.Problem(
                $"Run {id} is running, but not in this server (another gosynth process holds it); cancel it there.", statusCode: StatusCodes.Status409Conflict, title: "Not this server's run"),
            var run => Results.Problem($"Run {id} is not running (it is {run.Outcome.ToString().ToLowerInvariant()}).", statusCode: StatusCodes.Status409Conflict, title: "Not running"),
        };
    }

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    private static IResult TooLarge(int limit) =>
        Results.Problem($"The body is larger than {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
}

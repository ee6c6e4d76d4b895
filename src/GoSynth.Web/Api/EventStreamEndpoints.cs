using System.Globalization;
using System.Text;
using System.Text.Json;
using GoSynth.Web.Events;
using GoSynth.Web.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Api;

/// <summary>
/// The builder's events as Server-Sent Events. <c>/api/v1/events</c> follows every run: a fresh client first gets a
/// <c>snapshot</c> of the current run, then each event as it happens; a client that reconnects with
/// <c>Last-Event-ID</c> (or <c>?lastEventId=</c>) gets the events it missed from the server's ring, or, when they are
/// no longer kept, a <c>gap</c> event and a new snapshot. <c>/api/v1/runs/{id}/events</c> replays one run from its
/// start and ends with its <c>runFinished</c>. Every few seconds a <c>status</c> event (no id) brings totals, rates and
/// the ETA, and keeps proxies from closing an idle stream. When the host stops, every stream ends at once (a client
/// resumes with <c>Last-Event-ID</c>), so an open stream does not hold the shutdown for its whole timeout.
/// </summary>
internal static class EventStreamEndpoints
{
    private static readonly byte[] s_retry = "retry: 2000\n\n"u8.ToArray();

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events", (HttpContext http, EventHub hub, IOptions<GoSynthWebOptions> options, ILoggerFactory loggers, TimeProvider time, IHostApplicationLifetime lifetime) =>
                StreamAsync(http, hub, null, options.Value, loggers, time, lifetime.ApplicationStopping))
            .WithName("Events")
            .WithSummary("Live build events (text/event-stream), resumable with Last-Event-ID.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        api.MapGet("/runs/{id:long}/events", (long id, HttpContext http, EventHub hub, IOptions<GoSynthWebOptions> options, ILoggerFactory loggers, TimeProvider time, IHostApplicationLifetime lifetime) =>
                StreamAsync(http, hub, id, options.Value, loggers, time, lifetime.ApplicationStopping))
            .WithName("RunEvents")
            .WithSummary("One run's events from its start (text/event-stream), while the server keeps them; ends with runFinished.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
    }

    private static async Task<IResult> StreamAsync(
        HttpContext http, EventHub hub, long? runId, GoSynthWebOptions options, ILoggerFactory loggers, TimeProvider time, CancellationToken stopping)
    {
        long? last = null;
        var given = http.Request.Headers["Last-Event-ID"].ToString();
        if (given.Length == 0)
        {
            given = http.Request.Query["lastEventId"].ToString();
        }

        if (given.Length > 0)
        {
            if (!long.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return Results.Problem("Last-Event-ID must be an event id (a non-negative integer).", statusCode: StatusCodes.Status400BadRequest, title: "Bad Last-Event-ID");
            }

            last = parsed;
        }

        var subscription = hub.Subscribe(last, runId);
        if (subscription.Unknown)
        {
            return Results.Problem($"This server keeps no events of run {runId}.", statusCode: StatusCodes.Status404NotFound, title: "No such run");
        }

        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var cancellationToken = ended.Token;
        try
        {
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache, no-store";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            var body = http.Response.Body;
            await body.WriteAsync(s_retry, cancellationToken).ConfigureAwait(false);
            if (subscription.Gap is { } gap)
            {
                await WriteAsync(body, null, "gap", JsonSerializer.SerializeToUtf8Bytes(gap, WebJsonContext.Default.GapMarker), cancellationToken).ConfigureAwait(false);
            }

            if (subscription.Snapshot is { } snapshot)
            {
                await WriteAsync(body, snapshot.LastEventId, "snapshot", JsonSerializer.SerializeToUtf8Bytes(snapshot, WebJsonContext.Default.RunSnapshot), cancellationToken).ConfigureAwait(false);
            }

            foreach (var entry in subscription.Backlog)
            {
                await WriteAsync(body, entry.Id, entry.Type, entry.Json, cancellationToken).ConfigureAwait(false);
            }

            await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            var reader = subscription.Channel.Reader;
            Task<bool>? waiting = null;

            // One tick at a time, kept across events, so a busy build still gets its status every interval.
            Task? tick = null;
            while (true)
            {
                while (reader.TryRead(out var entry))
                {
                    await WriteAsync(body, entry.Id, entry.Type, entry.Json, cancellationToken).ConfigureAwait(false);
                }

                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (reader.Completion.IsCompleted)
                {
                    break;
                }

                waiting ??= reader.WaitToReadAsync(cancellationToken).AsTask();
                tick ??= Task.Delay(options.StatusInterval, time, cancellationToken);
                if (await Task.WhenAny(waiting, tick).ConfigureAwait(false) == waiting)
                {
                    if (!await waiting.ConfigureAwait(false))
                    {
                        break;
                    }

                    waiting = null;
                    continue;
                }

                tick = null;
                if (hub.Status(runId) is { } status)
                {
                    await WriteAsync(body, null, "status", JsonSerializer.SerializeToUtf8Bytes(status, WebJsonContext.Default.LiveStatus), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await body.WriteAsync(": idle\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                }
            }

            if (subscription.Overrun)
            {
                Log.StreamOverrun(loggers.CreateLogger("GoSynth.Web"), reader.Count);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away, or the host is stopping.
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away mid-write, or the host is stopping.
        }
        finally
        {
            hub.Unsubscribe(subscription);
        }

        return Results.Empty;
    }

    private static async ValueTask WriteAsync(Stream body, long? id, string type, byte[] json, CancellationToken cancellationToken)
    {
        var header = id is { } value
            ? string.Create(CultureInfo.InvariantCulture, $"id: {value}\nevent: {type}\ndata: ")
            : $"event: {type}\ndata: ";
        await body.WriteAsync(Encoding.UTF8.GetBytes(header), cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync("\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}

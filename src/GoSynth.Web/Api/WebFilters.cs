using GoSynth.BuildDb;
using GoSynth.Web.Internal;
using GoSynth.Web.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoSynth.Web.Api;

/// <summary>The filters every GoSynth endpoint runs through.</summary>
internal static class WebFilters
{
    /// <summary>Reads: loopback, or the network when allowed.</summary>
    public static async ValueTask<object?> Read(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<AccessPolicy>().CheckRead(context.HttpContext) ?? await next(context).ConfigureAwait(false);

    /// <summary>Changes: the bearer token (and loopback unless the network may change things).</summary>
    public static async ValueTask<object?> Write(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<AccessPolicy>().CheckWrite(context.HttpContext) ?? await next(context).ConfigureAwait(false);

    /// <summary>An endpoint's failure becomes a problem without internals; the details go to the log.</summary>
    public static async ValueTask<object?> Problems(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (BuildDbException e)
        {
            return Results.Problem($"The build database cannot be read: {e.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Build database unavailable");
        }
        catch (BadHttpRequestException e)
        {
            return Results.Problem(e.Message, statusCode: e.StatusCode, title: "Bad request");
        }
        catch (Exception e)
        {
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("GoSynth.Web");
            Log.EndpointFailed(logger, e, context.HttpContext.Request.Method, context.HttpContext.Request.Path.ToString());
            return Results.Problem("The server failed to answer this request; the error is in its log.", statusCode: StatusCodes.Status500InternalServerError, title: "Internal error");
        }
    }
}

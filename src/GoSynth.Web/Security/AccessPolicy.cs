using System.Net;
using GoSynth.Web.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Security;

/// <summary>
/// Who may do what: loopback clients read; clients from the network only as <see cref="GoSynthWebOptions.NetworkAccess"/>
/// allows (403 otherwise); a change needs <c>Authorization: Bearer &lt;token&gt;</c> (401 without it or with a wrong one).
/// </summary>
internal sealed class AccessPolicy(IOptions<GoSynthWebOptions> options, WebAccessToken token, ILogger<AccessPolicy> logger)
{
    private readonly GoSynthWebOptions _options = options.Value;

    public static bool IsLoopback(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;

        // No address: an in-process server or a Unix socket, both local.
        return remote is null || IPAddress.IsLoopback(remote) || (remote.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(remote.MapToIPv4()));
    }

    /// <summary>Null when the request may read; else the result to send.</summary>
    public IResult? CheckRead(HttpContext context)
    {
        if (IsLoopback(context) || _options.NetworkAccess is WebNetworkAccess.Read or WebNetworkAccess.ReadWrite)
        {
            return null;
        }

        return Refuse(context, StatusCodes.Status403Forbidden, "Forbidden", "This server answers loopback clients only; its operator can open reads to the network (NetworkAccess).");
    }

    /// <summary>Null when the request may change something; else the result to send.</summary>
    public IResult? CheckWrite(HttpContext context)
    {
        if (!IsLoopback(context) && _options.NetworkAccess != WebNetworkAccess.ReadWrite)
        {
            return Refuse(context, StatusCodes.Status403Forbidden, "Forbidden", "Changes are accepted from loopback clients only; its operator can open them to the network (NetworkAccess = ReadWrite).");
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"gosynth\"";
            return Refuse(context, StatusCodes.Status401Unauthorized, "Unauthorized", "This request changes something and needs 'Authorization: Bearer <token>' with the token the server printed at start.");
        }

        if (!token.Matches(header[scheme.Length..].Trim()))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"gosynth\", error=\"invalid_token\"";
            return Refuse(context, StatusCodes.Status401Unauthorized, "Unauthorized", "The bearer token does not match the server's token.");
        }

        return null;
    }

    private IResult Refuse(HttpContext context, int status, string title, string detail)
    {
        Log.RequestRefused(logger, context.Request.Method, context.Request.Path.ToString(), context.Connection.RemoteIpAddress?.ToString() ?? "local", detail);
        return Results.Problem(detail, statusCode: status, title: title);
    }
}

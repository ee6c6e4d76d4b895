using System.Collections.Frozen;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GoSynth.Web.Dashboard;

/// <summary>The dashboard: one page, its script and its style, embedded in the assembly (no build step, no CDN).</summary>
internal static class DashboardEndpoints
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string Type)> s_files = Load();

    public static void Map(IEndpointRouteBuilder root)
    {
        root.MapGet("/", (HttpContext http) => Serve(http, "index.html")).WithName("Dashboard").ExcludeFromDescription();
        root.MapGet("/dashboard/{file}", (string file, HttpContext http) => Serve(http, file)).ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext http, string file)
    {
        if (!s_files.TryGetValue(file, out var content))
        {
            return Results.Problem($"The dashboard has no file '{Api.Validation.Printable(file)}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        http.Response.Headers.ContentSecurityPolicy = Policy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(content.Bytes, content.Type);
    }

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        const string prefix = "GoSynth.Web.Dashboard.";
        var assembly = typeof(DashboardEndpoints).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var file = name[prefix.Length..];
            var type = Path.GetExtension(file) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files[file] = (memory.ToArray(), type);
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

using System.Text;
using GoSynth.Builder.Configuration;
using GoSynth.Web.Internal;
using GoSynth.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoSynth.Web.Api;

/// <summary><c>/api/v1/logs</c>: the files of the logs directory (dsynth's logs 00–07, per-port logs, reports), never anything outside it.</summary>
internal static class LogEndpoints
{
    private const long MaxTailBytes = 16L * 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/logs", List).WithName("ListLogs").WithSummary("The files in the logs directory.");
        api.MapGet("/logs/{**path}", (string path, int? tail, bool? download, IOptions<BuilderOptions> builder, IOptions<GoSynthWebOptions> options, HttpContext http, CancellationToken ct) =>
                FileAsync(http, builder.Value.LogsDirectory, path, tail, options.Value.MaxTailLines, download == true, ct))
            .WithName("GetLog")
            .WithSummary("A file of the logs directory: whole, its last lines (?tail=N), or as a download (?download=true).")
            .Produces<string>(contentType: "text/plain");
    }

    public static async Task<IResult> FileAsync(HttpContext http, string logsDirectory, string? name, int? tail, int maxTail, bool download, CancellationToken cancellationToken)
    {
        var real = LogPaths.Resolve(logsDirectory, name, out var problem, out var notFound);
        if (real is null)
        {
            var client = http.Connection.RemoteIpAddress?.ToString() ?? "local";
            if (!notFound)
            {
                Log.PathRefused(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("GoSynth.Web"), Validation.Printable(name ?? ""), client, problem!);
            }

            return notFound
                ? Results.Problem($"No log file '{Validation.Printable(name ?? "")}': {problem}.", statusCode: StatusCodes.Status404NotFound, title: "No such log")
                : Results.Problem($"The log path '{Validation.Printable(name ?? "")}' is refused: {problem}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad log path");
        }

        if (tail is { } lines)
        {
            if (lines < 1 || lines > maxTail)
            {
                return Results.Problem($"tail must be between 1 and {maxTail}.", statusCode: StatusCodes.Status400BadRequest, title: "Bad tail");
            }

            return Results.Text(await TailAsync(real, lines, cancellationToken).ConfigureAwait(false), "text/plain; charset=utf-8");
        }

        var stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, useAsync: true);
        return Results.Stream(stream, "text/plain; charset=utf-8", download ? Path.GetFileName(real) : null, enableRangeProcessing: true);
    }

    private static IResult List(IOptions<BuilderOptions> builder)
    {
        var directory = new DirectoryInfo(builder.Value.LogsDirectory);
        var files = directory.Exists
            ? directory.EnumerateFiles().Where(f => f.LinkTarget is null).OrderBy(f => f.Name, StringComparer.Ordinal)
                .Select(f => new LogFileDto(f.Name, f.Length, f.LastWriteTimeUtc)).ToList()
            : [];
        return TypedResults.Ok(new LogListDto(files));
    }

    /// <summary>The last <paramref name="lines"/> lines of a file, read from its end (at most 16 MiB of it).</summary>
    internal static async Task<string> TailAsync(string path, int lines, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var length = stream.Length;
            var chunk = new byte[64 * 1024];
            var collected = new List<byte[]>();
            long position = length;
            var newlines = 0;
            var read = 0L;
            while (position > 0 && read < MaxTailBytes)
            {
                var size = (int)Math.Min(chunk.Length, position);
                position -= size;
                stream.Position = position;
                await stream.ReadExactlyAsync(chunk.AsMemory(0, size), cancellationToken).ConfigureAwait(false);
                read += size;
                var piece = chunk[..size];
                collected.Add(piece);

                // A newline that ends the file does not start a line.
                newlines += piece.Count(b => b == (byte)'\n') - (position + size == length && size > 0 && piece[^1] == (byte)'\n' ? 1 : 0);
                if (newlines >= lines)
                {
                    break;
                }
            }

            collected.Reverse();
            var text = Encoding.UTF8.GetString([.. collected.SelectMany(b => b)]);
            var all = text.Split('\n');
            var trailing = text.EndsWith('\n') ? 1 : 0;
            var keep = all.Length - trailing;
            var start = Math.Max(0, keep - lines);
            return string.Join('\n', all, start, keep - start) + (trailing == 1 ? "\n" : "");
        }
    }
}

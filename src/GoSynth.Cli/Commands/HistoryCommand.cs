using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GoSynth.BuildDb;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Json;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth history &lt;port&gt; [--limit N] [--json]</c>: the port's recorded build attempts, newest first, from the
/// build database, read without its lock (so it works while a build runs). <c>category/port</c> also lists the
/// attempts of its flavors.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var port = new Argument<string>("port") { Description = "The port, as category/port or category/port@flavor." }.RejectOptionLikeTokens();
        var limit = new Option<int>("--limit") { Description = "Show at most this many attempts (default 20).", DefaultValueFactory = _ => 20 };
        limit.Check<Option<int>, int>(v => v < 1 ? "--limit must be at least 1." : null);
        var json = new Option<bool>("--json") { Description = "Print the attempts as JSON (schema in docs/cli.md)." };
        var command = new Command("history", "Show a port's recorded build attempts (newest first) from the build database.") { port, limit, json };
        CliAction.Set(command, global, host, async invocation =>
        {
            var options = CliServices.LoadConfiguration(invocation);
            var node = invocation.Get(port)!.Trim().TrimEnd('/');
            if (node.Count(c => c == '/') != 1 || node.StartsWith('/'))
            {
                throw CliException.Usage($"'{node}' is not a port: write category/port or category/port@flavor");
            }

            var path = options.EffectiveDatabasePath;
            var attempts = new List<PortAttempt>();
            if (File.Exists(path))
            {
                var database = await BuildDatabase.OpenReadOnlyAsync(path, cancellationToken: invocation.CancellationToken).ConfigureAwait(false);
                await using (database.ConfigureAwait(false))
                {
                    var nodes = node.Contains('@', StringComparison.Ordinal)
                        ? [node]
                        : database.GetPortStates().Select(s => s.Node).Where(n => n == node || n.StartsWith(node + "@", StringComparison.Ordinal)).ToList();
                    attempts.AddRange(nodes.SelectMany(n => database.GetHistory(n)));
                }
            }

            var take = invocation.Get(limit);
            var document = new HistoryDocument(
                "gosynth.history/1", node, path, [.. attempts.OrderByDescending(a => a.Id).Take(take).Select(Attempt)]);
            if (invocation.Get(json))
            {
                await invocation.WriteLineAsync(JsonSerializer.Serialize(document, CliJson.Context.HistoryDocument)).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (document.Attempts.Count == 0)
            {
                await invocation.WriteLineAsync($"{node}: no attempt recorded in {path}").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var c = CultureInfo.InvariantCulture;
            await invocation.WriteLineAsync($"{"attempt",7}  {"run",5}  {"started (UTC)",-19}  {"duration",8}  {"status",-11}  node / version / details").ConfigureAwait(false);
            foreach (var a in document.Attempts)
            {
                var duration = a.Seconds is { } s ? Clock.Format(TimeSpan.FromSeconds(Math.Round(s))) : "-";
                var details = string.Join("; ", new[] { a.Phase is null ? null : "phase " + a.Phase, a.Reason }.Where(d => !string.IsNullOrEmpty(d)));
                await invocation.WriteLineAsync(string.Create(c,
                    $"{a.Id,7}  {a.Run,5}  {a.Start?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", c) ?? "-",-19}  {duration,8}  {a.Status,-11}  {a.Node} {a.Version}{(details.Length > 0 ? "  " + details : "")}"))
                    .ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static HistoryAttempt Attempt(PortAttempt a) => new(
        a.Id, a.RunId, a.Node, a.Version, StatusName(a.Status), a.Start, a.End, a.Duration?.TotalSeconds,
        a.LastPhase, a.Reason, a.PackageFile, a.Fingerprint?.ToString("x8", CultureInfo.InvariantCulture));

    private static string StatusName(AttemptStatus status) => status switch
    {
        AttemptStatus.UpToDate => "up-to-date",
        _ => status.ToString().ToLowerInvariant(),
    };
}

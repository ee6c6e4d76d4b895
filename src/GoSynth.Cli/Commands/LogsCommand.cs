using System.CommandLine;
using GoSynth.Builder.Reporting;
using GoSynth.Cli.Hosting;
using GoSynth.Pkg.Ports;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth logs [port] [--lines N]</c>: without a port, where the logs are and which of dsynth's logs 00-07 exist;
/// with one, the path of the port's log (<c>category___port[@flavor].log</c>) and its last lines.
/// </summary>
internal static class LogsCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var port = new Argument<string?>("port") { Description = "A port, category/port[@flavor]: print its log's path and last lines.", Arity = ArgumentArity.ZeroOrOne }.RejectOptionLikeTokens();
        var lines = new Option<int>("--lines", "-n") { Description = "How many last lines of the port's log to print (default 20; 0 prints only the path).", DefaultValueFactory = _ => 20 };
        lines.Check<Option<int>, int>(v => v < 0 ? "--lines must be 0 or more." : null);
        var command = new Command("logs", "Show where the logs are, or a port's log path and its last lines.") { port, lines };
        CliAction.Set(command, global, host, async invocation =>
        {
            var options = CliServices.LoadConfiguration(invocation);
            var logs = options.LogsDirectory;
            if (invocation.Get(port) is not { } spec)
            {
                await invocation.WriteLineAsync("Logs: " + logs).ConfigureAwait(false);
                foreach (var name in DsynthLogSink.LogFileNames.Append(ReportSink.ReportFileName).Append(ReportSink.SummaryFileName).Append(MonitorSink.DefaultFileName))
                {
                    var path = Path.Combine(logs, name);
                    await invocation.WriteLineAsync($"  {path}{(File.Exists(path) ? "" : "  (not written yet)")}").ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            if (!PortId.TryParse(spec.Trim().TrimEnd('/'), out var id))
            {
                throw CliException.Usage($"'{spec}' is not a port; write category/port or category/port@flavor");
            }

            var log = Path.Combine(logs, id.Value.LogName + ".log");
            if (!File.Exists(log))
            {
                throw new CliException(ExitCodes.Failure, $"{log}: no log for {id} yet (it has not been built with these logs; a flavored port's log names its flavor)");
            }

            await invocation.WriteLineAsync(log).ConfigureAwait(false);
            var count = invocation.Get(lines);
            if (count > 0)
            {
                var tail = new Queue<string>(count);
                foreach (var line in File.ReadLines(log))
                {
                    if (tail.Count == count)
                    {
                        tail.Dequeue();
                    }

                    tail.Enqueue(line);
                }

                foreach (var line in tail)
                {
                    await invocation.WriteLineAsync(line).ConfigureAwait(false);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}

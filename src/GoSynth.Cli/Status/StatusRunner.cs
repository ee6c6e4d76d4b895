using GoSynth.Environment.Files;
using GoSynth.Environment.Processes;
using GoSynth.Pkg;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GoSynth.Cli.Status;

/// <summary>Runs <c>gosynth status</c>: composes the services, scans, builds the graph and prints the queue.</summary>
internal static class StatusRunner
{
    public static async Task<int> RunAsync(StatusSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var profile = CliDefaults.Profile(settings.Profile, settings.OsVersion, settings.Architecture);
            var portsDirectory = Path.GetFullPath(settings.PortsDirectory ?? CliDefaults.PortsDirectory());
            var services = new ServiceCollection()
                .AddLogging(b => b
                    .SetMinimumLevel(LogLevel.Warning)
                    .AddSimpleConsole(o => o.SingleLine = true)
                    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace))
                .AddGoSynthPkg(o =>
                {
                    o.PortsDirectory = portsDirectory;
                    o.Profile = profile;
                    o.MakeProgram = settings.MakeProgram;
                    o.CacheDirectory = settings.NoCache ? null : settings.CacheDirectory ?? CliDefaults.CacheDirectory();
                    o.MakeConfFile = settings.MakeConfFile;
                });
            var provider = services.BuildServiceProvider();
            await using var disposeProvider = provider.ConfigureAwait(false);
            provider.GetRequiredService<IStartupValidator>().Validate();
            var scanner = provider.GetRequiredService<PortScanner>();

            var request = ParseRequest(settings.Ports, scanner);
            var scan = await scanner.ScanToListAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
            var graph = PortGraph.Build(scan);
            foreach (var note in scan.Notes)
            {
                await error.WriteLineAsync("gosynth status: note: " + OneLine(note)).ConfigureAwait(false);
            }

            if (!request.IsEverything && await ReportUnevaluatedAsync(graph, error).ConfigureAwait(false))
            {
                return ExitCodes.Failure;
            }

            var priorities = graph.ComputePriorities();
            var report = new StatusReport(graph, priorities, portsDirectory, profile.Name, scan);
            if (settings.Json)
            {
                StatusJsonWriter.Write(report, output);
            }
            else
            {
                StatusTextWriter.Write(report, output);
            }

            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is PortSpecException or PortGraphCycleException or DirectoryNotFoundException
            or ProcessStartException or ArgumentException or OptionsValidationException or PrivateDirectoryException)
        {
            await error.WriteLineAsync("gosynth status: " + OneLine(ex.Message)).ConfigureAwait(false);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("gosynth status: interrupted").ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>
    /// A port named on the command line that cannot be evaluated (not found, removed, an unknown flavor, a make error)
    /// fails the command, as dsynth and poudriere do: one line per such port, naming it and make's error.
    /// </summary>
    private static async Task<bool> ReportUnevaluatedAsync(PortGraph graph, TextWriter error)
    {
        var failed = graph.Requested.Where(n => n.State is PortNodeState.NotFound or PortNodeState.Corrupt or PortNodeState.Removed).ToList();
        foreach (var node in failed)
        {
            var reason = OneLine(node.Reason ?? StatusReport.StateName(node.State));
            var prefix = node.Id + ": ";
            await error.WriteLineAsync("gosynth status: " + (reason.StartsWith(prefix, StringComparison.Ordinal) ? reason : prefix + reason)).ConfigureAwait(false);
        }

        return failed.Count > 0;
    }

    private static ScanRequest ParseRequest(IReadOnlyList<string> ports, PortScanner scanner)
    {
        if (ports.Count == 0 || (ports.Count == 1 && ports[0] == "everything"))
        {
            return ScanRequest.Everything;
        }

        if (ports.Contains("everything"))
        {
            throw new ArgumentException("'everything' cannot be combined with port names.");
        }

        return ScanRequest.For(ports.Select(scanner.ParseSpec));
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

using GoSynth.Cli.Hosting;
using GoSynth.Cli.Live;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Cli.Status;

/// <summary>Runs <c>status</c> and <c>status-everything</c>: scans, builds the graph and prints the queue.</summary>
internal static class StatusRunner
{
    /// <summary>Scans <paramref name="ports"/> (null: the whole tree) and prints the queue as text or JSON.</summary>
    public static async Task<int> RunAsync(CliInvocation invocation, IReadOnlyList<string>? ports, ScanSettings scan, bool json)
    {
        var services = CliServices.Create(invocation, ConfigurationUse.Optional, scan);
        await using var disposeServices = services.ConfigureAwait(false);
        var scanner = services.Get<PortScanner>();
        var request = ports is null ? ScanRequest.Everything : ScanRequest.For(ports.Select(scanner.ParseSpec));
        var console = json || invocation.Global.Plain ? null : LiveTerminal.TryCreate(invocation.Output);
        var result = await TerminalProgress.ScanAsync(console, scanner, request, invocation.CancellationToken).ConfigureAwait(false);
        var graph = PortGraph.Build(result);
        foreach (var note in result.Notes)
        {
            await invocation.ErrorLineAsync("note: " + CliErrors.OneLine(note)).ConfigureAwait(false);
        }

        if (!request.IsEverything && await ReportUnevaluatedAsync(invocation, graph).ConfigureAwait(false))
        {
            return ExitCodes.Failure;
        }

        var report = new StatusReport(graph, graph.ComputePriorities(), scanner.PortsDirectory, services.Scan.Profile?.Name ?? "native", result);
        if (json)
        {
            StatusJsonWriter.Write(report, invocation.Output);
        }
        else
        {
            StatusTextWriter.Write(report, invocation.Output);
        }

        return ExitCodes.Success;
    }

    /// <summary>The ports named on the command line, or, when none is named, what dsynth uses: the host's installed set.</summary>
    /// <exception cref="CliException">No port named and no pkg database on this host.</exception>
    public static IReadOnlyList<string>? Request(CliInvocation invocation, string[]? ports)
    {
        if (ports is null || ports.Length == 0)
        {
            return InstalledPackages.Read(invocation.Host.PkgDatabase, invocation.Directive);
        }

        if (ports is ["everything"])
        {
            return null;
        }

        if (ports.Contains("everything"))
        {
            throw CliException.Usage("'everything' cannot be combined with port names.");
        }

        return ports;
    }

    /// <summary>
    /// A port named on the command line that cannot be evaluated (not found, removed, an unknown flavor, a make error)
    /// fails the command, as dsynth and poudriere do: one line per such port, naming it and make's error.
    /// </summary>
    private static async Task<bool> ReportUnevaluatedAsync(CliInvocation invocation, PortGraph graph)
    {
        var failed = graph.Requested.Where(n => n.State is PortNodeState.NotFound or PortNodeState.Corrupt or PortNodeState.Removed).ToList();
        foreach (var node in failed)
        {
            var reason = CliErrors.OneLine(node.Reason ?? StatusReport.StateName(node.State));
            var prefix = node.Id + ": ";
            await invocation.ErrorLineAsync(reason.StartsWith(prefix, StringComparison.Ordinal) ? reason : prefix + reason).ConfigureAwait(false);
        }

        return failed.Count > 0;
    }
}

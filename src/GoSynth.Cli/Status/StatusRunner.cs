using GoSynth.Builder.Planning;
using GoSynth.Builder.Running;
using GoSynth.Builder.Scheduling;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Live;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Scanning;

namespace GoSynth.Cli.Status;

/// <summary>Runs <c>status</c> and <c>status-everything</c>: scans, builds the graph and prints the queue.</summary>
internal static class StatusRunner
{
    /// <summary>
    /// Plans <paramref name="ports"/> (null: the whole tree) as a build would, against the packages and the build history
    /// (so a port already built and unchanged shows as up to date), and prints the queue as text or JSON.
    /// </summary>
    public static async Task<int> RunAsync(CliInvocation invocation, IReadOnlyList<string>? ports, ScanSettings scan, bool json)
    {
        var services = CliServices.Create(invocation, ConfigurationUse.Optional, scan);
        await using var disposeServices = services.ConfigureAwait(false);
        var console = json || invocation.Global.Plain ? null : LiveTerminal.TryCreate(invocation.Output);
        var planned = await Plan(services, ports, console, invocation.CancellationToken).ConfigureAwait(false);
        var plan = planned.Plan;
        var graph = plan.Graph;
        foreach (var note in planned.Notes)
        {
            await invocation.ErrorLineAsync("note: " + CliErrors.OneLine(note)).ConfigureAwait(false);
        }

        if (ports is not null && await ReportUnevaluatedAsync(invocation, graph).ConfigureAwait(false))
        {
            return ExitCodes.Failure;
        }

        var report = new StatusReport(plan, graph.ComputePriorities(), services.Get<PortScanner>().PortsDirectory, services.Scan.Profile?.Name ?? "native", planned.Scan);
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

    /// <summary>The build's own plan, with the scan's bar on a terminal.</summary>
    private static Task<BuildRunPlan> Plan(CliServices services, IReadOnlyList<string>? ports, Spectre.Console.IAnsiConsole? console, CancellationToken cancellationToken)
    {
        var runner = services.Get<BuildRunner>();
        return TerminalProgress.ScanAsync(console, progress =>
            runner.PlanAsync(new BuildRunOptions { Ports = ports ?? [], ScanProgress = progress }, cancellationToken));
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

using System.CommandLine;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Status;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth status [ports…] [--json]</c>: a dry run. With ports, scans them (and everything they need) and prints the
/// queue in build order with each node's state; with none, as dsynth, the packages installed on this host (from pkg's
/// database): where there is none (Linux) it says so and exits 2.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var ports = new Argument<string[]>("ports")
        {
            Description = "Ports as category/port, category/port@flavor, category/port@all or a path inside the tree; none for the installed set; 'everything' for the whole tree.",
            Arity = ArgumentArity.ZeroOrMore,
        }.RejectOptionLikeTokens();
        var json = new Option<bool>("--json") { Description = "Print the queue as JSON (schema in docs/cli.md)." };
        var scan = new ScanOptions();
        var command = new Command("status", "Dry run: scan the ports (none named: the installed set) and show the build queue with each port's state.") { ports, json };
        scan.AddTo(command);
        CliAction.Set(command, global, host, invocation =>
        {
            var settings = scan.Read(invocation);
            return StatusRunner.RunAsync(invocation, StatusRunner.Request(invocation, invocation.Get(ports)), settings, invocation.Get(json));
        });
        return command;
    }
}

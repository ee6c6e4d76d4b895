using System.CommandLine;
using GoSynth.Cli.Hosting;
using GoSynth.Cli.Status;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth status-everything [--json]</c>: the dry run of the whole tree (dsynth's <c>status-everything</c>).</summary>
internal static class StatusEverythingCommand
{
    public static Command Create(GlobalOptions global, CliHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print the queue as JSON (schema in docs/cli.md)." };
        var scan = new ScanOptions();
        var command = new Command("status-everything", "Dry run of the whole tree: the build queue with each port's state.") { json };
        scan.AddTo(command);
        CliAction.Set(command, global, host, invocation => StatusRunner.RunAsync(invocation, null, scan.Read(invocation), invocation.Get(json)));
        return command;
    }
}

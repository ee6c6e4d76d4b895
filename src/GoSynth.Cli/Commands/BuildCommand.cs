using System.CommandLine;
using GoSynth.Cli.Build;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth [-C dir] [-y] [-S] build|just-build|force [ports…|everything]</c>: builds the ports (and what they need)
/// with the configuration of dsynth.ini, one line per finished or skipped port, then a summary.
/// </summary>
internal static class BuildCommand
{
    public static Command Create(string name, GlobalOptions global, CliHost host)
    {
        var ports = new Argument<string[]>("ports")
        {
            Description = "Ports as category/port, category/port@flavor, category/port@all or a path inside the tree; 'everything' (the default) for the whole tree.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var description = name switch
        {
            "just-build" => "Build the ports without rebuilding the repository catalog afterwards.",
            "force" => "Rebuild the named ports (and what depends on them) whatever their state, then rebuild the repository catalog.",
            _ => "Build the ports that are not up to date, then rebuild the repository catalog.",
        };
        var command = new Command(name, description) { ports };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var settings = new BuildSettings
            {
                Directive = name,
                Ports = parseResult.GetValue(ports) ?? [],
                ConfigDirectory = parseResult.GetValue(global.ConfigDirectory),
                Yes = parseResult.GetValue(global.Yes),
                Plain = parseResult.GetValue(global.Plain),
                Force = name == "force",
                JustBuild = name == "just-build",
            };
            var config = parseResult.InvocationConfiguration;
            return BuildRunnerCli.RunAsync(settings, host, config.Output, config.Error, cancellationToken);
        });
        return command;
    }
}

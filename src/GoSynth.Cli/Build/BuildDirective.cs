using System.CommandLine;
using GoSynth.Cli.Hosting;

namespace GoSynth.Cli.Build;

/// <summary>The shape every build directive shares: a list of ports, then <see cref="BuildRunnerCli"/> with the directive's settings.</summary>
internal static class BuildDirective
{
    /// <summary>The ports argument of a build directive.</summary>
    public static Argument<string[]> PortsArgument(string description) => new Argument<string[]>("ports")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrMore,
    }.RejectOptionLikeTokens();

    /// <summary>A directive that builds the named ports (or the whole tree when none is named and <paramref name="emptyMeansEverything"/>).</summary>
    public static Command Create(
        string name, string description, GlobalOptions global, CliHost host, Func<CliInvocation, string[], BuildSettings> settings, bool emptyMeansEverything = true)
    {
        var ports = PortsArgument(emptyMeansEverything
            ? "Ports as category/port, category/port@flavor, category/port@all or a path inside the tree; none or 'everything' for the whole tree."
            : "Ports as category/port, category/port@flavor, category/port@all or a path inside the tree.");
        if (!emptyMeansEverything)
        {
            ports.Arity = ArgumentArity.OneOrMore;
        }

        var command = new Command(name, description) { ports };
        CliAction.Set(command, global, host, invocation => BuildRunnerCli.RunAsync(invocation, settings(invocation, invocation.Get(ports) ?? [])));
        return command;
    }

    /// <summary>The settings every build directive starts from.</summary>
    public static BuildSettings Settings(CliInvocation invocation, IReadOnlyList<string> ports) => new()
    {
        Directive = invocation.Directive,
        Ports = ports,
        Plain = invocation.Global.Plain,
    };
}

using System.CommandLine;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth help [directive]</c>: the list of directives and global flags, or one directive's arguments and options (the same as <c>-h</c>).</summary>
internal static class HelpCommand
{
    public static Command Create(RootCommand root)
    {
        var directive = new Argument<string?>("directive") { Description = "The directive to describe.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("help", "Show the directives and flags, or one directive's arguments and options.") { directive };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(directive);
            if (name is not null && !root.Subcommands.Any(c => c.Name == name))
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"gosynth help: no directive '{name}'. See 'gosynth help' for the list.");
                return Task.FromResult(ExitCodes.Usage);
            }

            string[] args = name is null ? ["--help"] : [name, "--help"];
            return root.Parse(args).InvokeAsync(parseResult.InvocationConfiguration, cancellationToken);
        });
        return command;
    }
}

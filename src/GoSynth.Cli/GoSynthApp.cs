using System.CommandLine;
using System.Text.RegularExpressions;
using GoSynth.Cli.Build;
using GoSynth.Cli.Commands;

namespace GoSynth.Cli;

/// <summary>The command tree of <c>gosynth</c>. Each directive lives in <c>Commands/&lt;Verb&gt;Command.cs</c>.</summary>
internal static partial class GoSynthApp
{
    public static RootCommand CreateRootCommand(CliHost? host = null)
    {
        host ??= CliHost.Console;
        var root = new RootCommand("gosynth: build a FreeBSD/DragonFly ports tree into pkg(8) packages.");
        var global = new GlobalOptions();
        global.AddTo(root);
        foreach (var version in root.Options.OfType<VersionOption>())
        {
            version.Aliases.Add("-v");
        }

        // dsynth's directives, then GoSynth's own; one line each.
        root.Subcommands.Add(InitCommand.Create(global, host));
        root.Subcommands.Add(StatusCommand.Create(global, host));
        root.Subcommands.Add(StatusEverythingCommand.Create(global, host));
        root.Subcommands.Add(BuildCommand.Create(global, host));
        root.Subcommands.Add(JustBuildCommand.Create(global, host));
        root.Subcommands.Add(ForceCommand.Create(global, host));
        root.Subcommands.Add(TestCommand.Create(global, host));
        root.Subcommands.Add(FetchOnlyCommand.Create(global, host));
        root.Subcommands.Add(InstallCommand.Create(global, host));
        root.Subcommands.Add(UpgradeSystemCommand.Create(global, host));
        root.Subcommands.Add(PrepareSystemCommand.Create(global, host));
        root.Subcommands.Add(EverythingCommand.Create(global, host));
        root.Subcommands.Add(RebuildRepositoryCommand.Create(global, host));
        root.Subcommands.Add(PurgeDistfilesCommand.Create(global, host));
        root.Subcommands.Add(CleanupCommand.Create(global, host));
        root.Subcommands.Add(ConfigureCommand.Create(global, host));
        root.Subcommands.Add(LogsCommand.Create(global, host));
        root.Subcommands.Add(ResetDbCommand.Create(global, host));
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(HelpCommand.Create(root));
        root.Subcommands.Add(WhyCommand.Create(global, host));
        root.Subcommands.Add(HistoryCommand.Create(global, host));
        root.Subcommands.Add(SimulateCommand.Create(global, host));
        root.Subcommands.Add(ImportDurationsCommand.Create(global, host));
        root.Subcommands.Add(VerifyCommand.Create(global, host));
        root.Subcommands.Add(PackageInfoCommand.Create(global, host));
        root.Subcommands.Add(MonitorCommand.Create(global, host));
        root.Subcommands.Add(ServeCommand.Create(global, host));
        return root;
    }

    /// <summary>
    /// Parses and runs one command line. A usage error (unknown directive or option, bad value, missing argument) is
    /// one line on standard error with a hint and exit 2, never the whole help.
    /// </summary>
    public static Task<int> InvokeAsync(string[] args, CliHost host, InvocationConfiguration configuration, CancellationToken cancellationToken)
    {
        var parse = CreateRootCommand(host).Parse(args);
        if (parse.Errors.Count > 0)
        {
            configuration.Error.WriteLine(UsageError(parse));
            return Task.FromResult(ExitCodes.Usage);
        }

        return parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>The one line a usage error prints: where, the first problem, and which help to read.</summary>
    public static string UsageError(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var name = command is RootCommand ? "gosynth" : "gosynth " + command.Name;
        var hint = command is RootCommand ? "gosynth help" : "gosynth help " + command.Name;
        // The most telling error first: an unknown word says more than the missing directive it leaves behind.
        var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parse.Errors[0];
        var message = ExpectedType().Replace(first.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.'), "");
        var others = parse.Errors.Count(e => e != first && !e.Message.StartsWith("Required command was not provided", StringComparison.Ordinal));
        var more = others > 0 ? $" (and {others} more)" : "";
        return $"{name}: {message}{more}. See '{hint}'.";
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // Ctrl+C and SIGTERM cancel the directive's token and nothing else: a build then tears its slots down and
        // closes its run, however long that takes (System.CommandLine's own handler would end the process after 2 s).
        using var interrupt = new CancellationTokenSource();
        using var signals = new InterruptSignals(interrupt);
        return await InvokeAsync(args, CliHost.Console, new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token).ConfigureAwait(false);
    }

    /// <summary>The .NET type name System.CommandLine adds to a conversion error, which says nothing to a user.</summary>
    [GeneratedRegex(" as expected type '[^']*'")]
    private static partial Regex ExpectedType();
}

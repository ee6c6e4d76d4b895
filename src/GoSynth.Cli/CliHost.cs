using GoSynth.Cli.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace GoSynth.Cli;

/// <summary>
/// What the directives take from the process around them: the terminal's input (for questions), the host's pkg
/// database, and extra service registrations (a host embedding the CLI, or a test, adds or replaces services such as
/// the port build executor).
/// </summary>
internal sealed class CliHost
{
    /// <summary>The process's console.</summary>
    public static CliHost Console { get; } = new()
    {
        Input = System.Console.In,
        InputIsTerminal = !System.Console.IsInputRedirected,
    };

    /// <summary>Where answers to questions are read.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>True when a person can answer (standard input is a terminal).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>pkg(8)'s database of installed packages (the installed set of <c>status</c>, <c>upgrade-system</c>).</summary>
    public string PkgDatabase { get; init; } = InstalledPackages.DefaultDatabase;

    /// <summary>Runs after the composition root registered the libraries' services (<see cref="CliServices"/>).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

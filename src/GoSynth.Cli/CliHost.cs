using Microsoft.Extensions.DependencyInjection;

namespace GoSynth.Cli;

/// <summary>
/// What the directives take from the process around them: the terminal's input (for questions) and extra service
/// registrations (a host embedding the CLI, or a test, adds or replaces services such as the port build executor).
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

    /// <summary>Runs after the directive registered its services.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

using Spectre.Console;

namespace GoSynth.Cli.Live;

/// <summary>
/// Decides whether output goes to a terminal a live view or a progress bar can be drawn on, and makes the Spectre
/// console for it. Not a terminal: standard output redirected (a pipe, a file, CI), a writer other than the
/// process's standard output (a test, an embedding host), <c>TERM=dumb</c> or unset. <c>NO_COLOR</c> keeps the view
/// and drops its colours.
/// </summary>
internal static class LiveTerminal
{
    /// <summary>A console drawing on <paramref name="output"/>, or null when it is not a terminal (see the class).</summary>
    public static IAnsiConsole? TryCreate(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected)
        {
            return null;
        }

        var term = System.Environment.GetEnvironmentVariable("TERM");
        if (string.IsNullOrEmpty(term) || term.Equals("dumb", StringComparison.Ordinal))
        {
            return null;
        }

        var noColor = !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"));
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
    }
}

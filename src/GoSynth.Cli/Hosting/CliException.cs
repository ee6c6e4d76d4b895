namespace GoSynth.Cli.Hosting;

/// <summary>An error the user caused, found by the CLI itself: its message is printed as one line and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>The exit code (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>A usage error (exit 2).</summary>
    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    /// <summary>A configuration error (exit 3).</summary>
    public static CliException Configuration(string message) => new(ExitCodes.Configuration, message);
}

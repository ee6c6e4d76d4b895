using GoSynth.Builder.Configuration;
using GoSynth.BuildDb;
using GoSynth.Environment.Files;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Ports;
using GoSynth.Web;
using Microsoft.Extensions.Options;

namespace GoSynth.Cli.Hosting;

/// <summary>
/// The one place where an exception becomes an exit code and a line on standard error: what went wrong and how to fix
/// it, no stack trace (<c>-d</c> adds the exception's details). An exception not listed here is a defect and is left
/// to the runtime, which prints its stack trace.
/// </summary>
internal static class CliErrors
{
    /// <summary>The exit code for <paramref name="exception"/>, or null when it is not an error a user can cause.</summary>
    public static int? ExitCodeOf(Exception exception) => exception switch
    {
        CliException cli => cli.ExitCode,
        OperationCanceledException => ExitCodes.Interrupted,
        BuildDbLockedException => ExitCodes.AnotherBuildRunning,
        BuilderConfigurationException or OptionsValidationException or ProcessStartException or PrivateDirectoryException or WebTokenException => ExitCodes.Configuration,
        DirectoryNotFoundException => ExitCodes.Configuration,
        PortSpecException or PortGraphCycleException or ArgumentException => ExitCodes.Usage,
        BuildDbException or SlotException or PackageFormatException or IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException => ExitCodes.Failure,
        _ => null,
    };

    /// <summary>Writes the error line (and with <paramref name="debug"/> the details) and returns the exit code; null when the exception is not handled.</summary>
    public static async Task<int?> ReportAsync(Exception exception, string prefix, bool debug, TextWriter error)
    {
        if (ExitCodeOf(exception) is not { } code)
        {
            return null;
        }

        var message = exception switch
        {
            OperationCanceledException => "interrupted",
            BuildDbLockedException locked => $"another build is running: {OneLine(locked.Message)}. Wait for it to end, or watch it with 'gosynth monitor'.",
            _ => OneLine(exception.Message),
        };
        await error.WriteLineAsync(prefix + message).ConfigureAwait(false);
        if (debug && exception is not CliException)
        {
            await error.WriteLineAsync(exception.ToString()).ConfigureAwait(false);
        }

        return code;
    }

    public static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}

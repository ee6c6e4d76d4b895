using GoSynth.Builder.Running;
using GoSynth.Cli.Live;
using GoSynth.Environment.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace GoSynth.Cli.Build;

/// <summary>
/// Chooses how a build is shown: the live view (<see cref="LiveBuildView"/>) when standard output is a terminal and
/// <c>-S</c> was not given; otherwise (<c>-S</c>, a pipe, a file, CI, <c>TERM=dumb</c>) the plain lines of
/// <see cref="BuildLinePrinter"/>. The display is an event sink of the run, flushed with it, and disposed by the
/// directive.
/// </summary>
internal static class BuildDisplay
{
    public static IBuildDisplay Create(BuildSettings settings, CliHost host, TextWriter output, IServiceProvider? services = null)
    {
        _ = host;
        if (!settings.Plain && LiveTerminal.TryCreate(output) is { } console)
        {
            return new LiveBuildView(console, "gosynth " + settings.Directive, services?.GetService<ISystemMetrics>(), services?.GetService<TimeProvider>());
        }

        return new BuildLinePrinter(output, settings.Mode == BuildRunMode.FetchOnly ? "fetch" : "build");
    }
}

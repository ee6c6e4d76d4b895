using System.CommandLine;
using GoSynth.Cli.Build;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth build [ports…|everything]</c>: builds what is not up to date, one line per finished or skipped port, a summary, then the repository catalog (dsynth's <c>build</c>).</summary>
internal static class BuildCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => BuildDirective.Create(
        "build",
        "Build the ports that are not up to date (and what they need), then rebuild the repository catalog.",
        global,
        host,
        (invocation, ports) => BuildDirective.Settings(invocation, ports));
}

using System.CommandLine;
using GoSynth.Cli.Build;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth just-build [ports…]</c>: builds without rebuilding the catalog (dsynth's <c>just-build</c>).</summary>
internal static class JustBuildCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => BuildDirective.Create(
        "just-build",
        "Build the ports without rebuilding the repository catalog afterwards.",
        global,
        host,
        (invocation, ports) => BuildDirective.Settings(invocation, ports) with { JustBuild = true });
}

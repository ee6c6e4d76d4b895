using System.CommandLine;
using GoSynth.Cli.Build;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth install [ports…]</c>: dsynth's <c>install</c>: builds, rebuilds the catalog, then adds the named ports' packages to this host with pkg (on a host without the target's pkg, says so).</summary>
internal static class InstallCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => BuildDirective.Create(
        "install",
        "Build the ports, rebuild the repository catalog, then install the named ports' packages with pkg(8).",
        global,
        host,
        (invocation, ports) => BuildDirective.Settings(invocation, ports) with { Install = true },
        emptyMeansEverything: false);
}

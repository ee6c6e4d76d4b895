using System.CommandLine;
using GoSynth.Builder.Running;
using GoSynth.Cli.Build;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth test [ports…]</c>: dsynth's <c>test</c> (<see cref="BuildRunMode.Test"/>): rebuilds the named ports whatever
/// their state with DEVELOPER=yes, the port's test phase and check-plist, then installs each package into its slot and
/// removes it again (which must leave the slot as it was), without rebuilding the catalog.
/// </summary>
internal static class TestCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => BuildDirective.Create(
        "test",
        "Rebuild the named ports in test mode (DEVELOPER=yes, test and check-plist phases, install and deinstall); the catalog is not rebuilt.",
        global,
        host,
        (invocation, ports) => BuildDirective.Settings(invocation, ports) with { Force = true, JustBuild = true, Development = true, Mode = BuildRunMode.Test },
        emptyMeansEverything: false);
}

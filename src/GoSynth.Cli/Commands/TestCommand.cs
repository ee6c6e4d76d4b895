using System.CommandLine;
using GoSynth.Cli.Build;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth test [ports…]</c>: dsynth's <c>test</c>: rebuilds the named ports whatever their state with DEVELOPER=yes and the check-plist phase, without rebuilding the catalog.</summary>
internal static class TestCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => BuildDirective.Create(
        "test",
        "Rebuild the named ports in developer mode (DEVELOPER=yes, check-plist); the catalog is not rebuilt.",
        global,
        host,
        (invocation, ports) => BuildDirective.Settings(invocation, ports) with { Force = true, JustBuild = true, Development = true },
        emptyMeansEverything: false);
}

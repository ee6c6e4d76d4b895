using System.CommandLine;
using GoSynth.Cli.Build;

namespace GoSynth.Cli.Commands;

/// <summary><c>gosynth force [ports…]</c>: rebuilds the named ports whatever their state (dsynth's <c>force</c>).</summary>
internal static class ForceCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => BuildDirective.Create(
        "force",
        "Rebuild the named ports (and what depends on them) whatever their state, then rebuild the repository catalog.",
        global,
        host,
        (invocation, ports) => BuildDirective.Settings(invocation, ports) with { Force = true },
        emptyMeansEverything: false);
}

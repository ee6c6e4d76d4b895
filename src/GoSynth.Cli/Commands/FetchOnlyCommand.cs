using System.CommandLine;
using GoSynth.Builder.Running;
using GoSynth.Cli.Build;

namespace GoSynth.Cli.Commands;

/// <summary>
/// <c>gosynth fetch-only [ports…|everything]</c>: dsynth's <c>fetch-only</c>. Every port of the closure that has
/// distfiles gets a slot in which only its fetch and checksum phases run (<see cref="BuildRunMode.FetchOnly"/>); nothing is
/// built, packaged or recorded as built, and the catalog is not touched. Asks first, as build does (<c>-y</c>). Prints
/// a line per port, then the counts and each failure with its log excerpt. Exit 0 when every fetch succeeded, 1 when
/// one failed, 130 when interrupted.
/// </summary>
internal static class FetchOnlyCommand
{
    public static Command Create(GlobalOptions global, CliHost host) => BuildDirective.Create(
        "fetch-only",
        "Download and verify the distfiles of the ports (and what they need) without building anything.",
        global,
        host,
        (invocation, ports) => BuildDirective.Settings(invocation, ports) with { Mode = BuildRunMode.FetchOnly });
}

using System.Collections.Immutable;
using GoSynth.Environment.Processes;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>What one make call printed and how it ended: the unit the metadata cache stores.</summary>
internal sealed record RawMakeOutput(ProcessOutcome Outcome, int ExitCode, ImmutableArray<string> Lines, string StandardError)
{
    /// <summary>True when make exited by itself with code 0.</summary>
    public bool Succeeded => Outcome == ProcessOutcome.Exited && ExitCode == 0;
}

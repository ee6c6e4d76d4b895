using System.Collections.Immutable;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// What <see cref="FrameworkVariableProbe"/> found: the variables, how many make calls it took, and whether the answer
/// may be cached (false when a make call was killed by the timeout or a signal: that says nothing about the files).
/// </summary>
internal readonly record struct FrameworkProbeResult(ImmutableSortedDictionary<string, string> Variables, int MakeCalls, bool Cacheable)
{
    public void Deconstruct(out ImmutableSortedDictionary<string, string> variables, out int makeCalls)
    {
        variables = Variables;
        makeCalls = MakeCalls;
    }
}

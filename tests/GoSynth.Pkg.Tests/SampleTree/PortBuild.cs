using GoSynth.Pkg.Tests.Samples;

namespace GoSynth.Pkg.Tests.SampleTree;

/// <summary>What building one port (every phase, in order) gave.</summary>
/// <param name="Origin">The port.</param>
/// <param name="Flavor">The flavor given on the command line, or null.</param>
/// <param name="FailedPhase">The phase that failed, or null when every phase succeeded.</param>
/// <param name="Failure">That phase's run.</param>
/// <param name="Log">Everything every phase printed (stdout, then stderr, per phase).</param>
/// <param name="PackageFile">The port's <c>make -V PKGFILE</c> answer.</param>
/// <param name="WorkDirectory">Its <c>WRKDIR</c>.</param>
/// <param name="StageDirectory">Its <c>STAGEDIR</c>.</param>
/// <param name="Ignore">Its <c>IGNORE</c> answer.</param>
internal sealed record PortBuild(
    string Origin,
    string? Flavor,
    string? FailedPhase,
    BmakeResult? Failure,
    string Log,
    string PackageFile,
    string WorkDirectory,
    string StageDirectory,
    string Ignore)
{
    public override string ToString() => $"{Origin}{(Flavor is null ? "" : "@" + Flavor)} failed in {FailedPhase ?? "nothing"}:\n{Log}";
}

using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.History;

/// <summary>One port build read from another tool's log.</summary>
/// <param name="Port">The port, <c>origin[@flavor]</c>.</param>
/// <param name="PackageName">The package name and version, when the log gives it.</param>
/// <param name="Duration">How long the build took.</param>
/// <param name="Succeeded">True for a success.</param>
/// <param name="FailedPhase">The phase that failed, for a failure.</param>
/// <param name="Line">The 1-based line of the log.</param>
public sealed record ImportedBuild(PortId Port, string? PackageName, TimeSpan Duration, bool Succeeded, string? FailedPhase, int Line);

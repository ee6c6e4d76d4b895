using GoSynth.BuildDb;

namespace GoSynth.Builder.Planning;

/// <summary>
/// What a port is built from besides its port directory, in the form GoSynth.BuildDb records it with a success, so
/// that a later plan (after a restart) notices when any of it changed. Made by <see cref="PlanFingerprints.For"/>.
/// </summary>
/// <param name="Options">SELECTED_OPTIONS, sorted ordinally and separated by single spaces; empty when none is selected.</param>
/// <param name="FrameworkFingerprint">The fingerprint of the ports framework (<c>Mk/</c>) the plan saw, when known.</param>
/// <param name="Dependencies">
/// The node's direct dependencies as <c>node=version</c> entries (the dependency's PKGVERSION), sorted by node and
/// separated by single spaces; empty when it has none.
/// </param>
public sealed record PortBuildInputs(string Options, uint? FrameworkFingerprint, string Dependencies)
{
    /// <summary><paramref name="result"/> carrying these inputs (for <see cref="BuildDatabase.FinishAttemptAsync"/>).</summary>
    public AttemptResult ApplyTo(AttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result with { Options = Options, FrameworkFingerprint = FrameworkFingerprint, Dependencies = Dependencies };
    }

    /// <summary><paramref name="record"/> carrying these inputs (for <see cref="BuildDatabase.RecordAttemptAsync"/>).</summary>
    public AttemptRecord ApplyTo(AttemptRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with { Options = Options, FrameworkFingerprint = FrameworkFingerprint, Dependencies = Dependencies };
    }
}

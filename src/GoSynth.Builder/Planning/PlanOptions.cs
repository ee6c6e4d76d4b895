using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Planning;

/// <summary>Where the planner looks and what the user forces.</summary>
public sealed class PlanOptions
{
    /// <summary>The ports tree: port directories are fingerprinted there, and <c>Mk/</c> for the framework.</summary>
    public required string PortsDirectory { get; init; }

    /// <summary>The repository holding the package files (dsynth's <c>Directory_repository</c>, <c>…/All</c>).</summary>
    public required string RepositoryDirectory { get; init; }

    /// <summary>
    /// Ports to rebuild whatever their state; everything that depends on them is rebuilt too. A flavorless id forces
    /// every flavor of the origin.
    /// </summary>
    public IReadOnlyCollection<PortId> Force { get; init; } = [];

    /// <summary>
    /// Fingerprints already computed, by origin (for tests, benchmarks and callers that fingerprinted during the
    /// scan); origins missing here are fingerprinted from <see cref="PortsDirectory"/>.
    /// </summary>
    public IReadOnlyDictionary<string, uint>? Fingerprints { get; init; }

    /// <summary>The framework's fingerprint now; null computes it from <c>&lt;PortsDirectory&gt;/Mk</c> when that exists.</summary>
    public uint? FrameworkFingerprint { get; init; }

    /// <summary>How many port directories are fingerprinted at once; 0 means the processor count.</summary>
    public int Parallelism { get; init; }
}

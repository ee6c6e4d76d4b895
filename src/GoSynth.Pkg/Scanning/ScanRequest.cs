using System.Collections.Immutable;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning;

/// <summary>What a scan starts from: some ports, or every port of the tree.</summary>
public sealed class ScanRequest
{
    private ScanRequest(ImmutableArray<PortSpec> ports, bool everything)
    {
        Ports = ports;
        IsEverything = everything;
    }

    /// <summary>Every port of the tree, every flavor (dsynth's <c>everything</c>).</summary>
    public static ScanRequest Everything { get; } = new([], everything: true);

    /// <summary>The requested ports (empty for <see cref="Everything"/>).</summary>
    public ImmutableArray<PortSpec> Ports { get; }

    /// <summary>True for <see cref="Everything"/>.</summary>
    public bool IsEverything { get; }

    /// <summary>A scan of <paramref name="ports"/> and everything they need.</summary>
    public static ScanRequest For(IEnumerable<PortSpec> ports)
    {
        ArgumentNullException.ThrowIfNull(ports);
        return new([.. ports], everything: false);
    }

    /// <summary>A scan of <paramref name="ports"/> and everything they need.</summary>
    public static ScanRequest For(params PortSpec[] ports) => For((IEnumerable<PortSpec>)ports);
}

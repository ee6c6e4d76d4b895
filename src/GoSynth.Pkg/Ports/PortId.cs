using System.Diagnostics.CodeAnalysis;

namespace GoSynth.Pkg.Ports;

/// <summary>
/// The identity of a node in the ports graph: an origin <c>category/port</c> and, for a flavored port, its flavor
/// (<c>category/port@flavor</c>). A flavored port is always identified with its flavor; the default flavor is
/// made explicit once the port's <c>FLAVORS</c> are known, so <c>cat/port</c> and <c>cat/port@first</c> are one node.
/// </summary>
public readonly record struct PortId : IComparable<PortId>
{
    /// <summary>Creates an identity from an origin and an optional flavor. No validation; see <see cref="PortSpec"/>.</summary>
    public PortId(string origin, string? flavor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(origin);
        Origin = origin;
        Flavor = string.IsNullOrEmpty(flavor) ? null : flavor;
    }

    /// <summary>The origin, <c>category/port</c>.</summary>
    public string Origin { get; }

    /// <summary>The flavor, or null for an unflavored port (or a flavored port whose default is not yet known).</summary>
    public string? Flavor { get; }

    /// <summary>The category part of the origin.</summary>
    public string Category => Origin[..Origin.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The port directory name part of the origin.</summary>
    public string Name => Origin[(Origin.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>
    /// The base of this node's log file names, dsynth's convention: <c>category___port@flavor</c>.
    /// </summary>
    public string LogName => ToString().Replace("/", "___", StringComparison.Ordinal);

    /// <summary>This origin with another flavor (null for none).</summary>
    public PortId WithFlavor(string? flavor) => new(Origin, flavor);

    /// <summary>Parses <c>category/port</c> or <c>category/port@flavor</c> without validation beyond shape.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out PortId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        var origin = at < 0 ? text : text[..at];
        var flavor = at < 0 ? null : text[(at + 1)..];
        var slash = origin.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == origin.Length - 1 || origin.IndexOf('/', slash + 1) >= 0 || flavor?.Length == 0)
        {
            return false;
        }

        id = new PortId(origin, flavor);
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(PortId other)
    {
        var byOrigin = string.CompareOrdinal(Origin, other.Origin);
        return byOrigin != 0 ? byOrigin : string.CompareOrdinal(Flavor, other.Flavor);
    }

    /// <summary>Compares two identities ordinally by origin, then flavor.</summary>
    public static bool operator <(PortId left, PortId right) => left.CompareTo(right) < 0;

    /// <summary>Compares two identities ordinally by origin, then flavor.</summary>
    public static bool operator >(PortId left, PortId right) => left.CompareTo(right) > 0;

    /// <summary>Compares two identities ordinally by origin, then flavor.</summary>
    public static bool operator <=(PortId left, PortId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two identities ordinally by origin, then flavor.</summary>
    public static bool operator >=(PortId left, PortId right) => left.CompareTo(right) >= 0;

    /// <summary><c>category/port</c> or <c>category/port@flavor</c>.</summary>
    public override string ToString() => Flavor is null ? Origin : Origin + "@" + Flavor;
}

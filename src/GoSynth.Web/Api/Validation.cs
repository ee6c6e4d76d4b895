using System.Text.RegularExpressions;

namespace GoSynth.Web.Api;

/// <summary>What the API accepts as a port name.</summary>
internal static partial class Validation
{
    public const int MaxPorts = 10_000;

    /// <summary>A category or a port directory name (letters, digits, <c>._+-</c>, not starting with a dot or a dash).</summary>
    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}$", RegexOptions.CultureInvariant)]
    public static partial Regex Segment();

    /// <summary>A flavor.</summary>
    [GeneratedRegex("^[A-Za-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    public static partial Regex Flavor();

    /// <summary>Null when <paramref name="port"/> is <c>category/name</c> or <c>category/name@flavor</c>; else what is wrong.</summary>
    public static string? CheckPort(string? port)
    {
        if (string.IsNullOrEmpty(port))
        {
            return "a port is empty";
        }

        if (port.Length > 300)
        {
            return "a port name is longer than 300 characters";
        }

        var at = port.IndexOf('@', StringComparison.Ordinal);
        var origin = at < 0 ? port : port[..at];
        var parts = origin.Split('/');
        if (parts.Length != 2 || !Segment().IsMatch(parts[0]) || !Segment().IsMatch(parts[1]))
        {
            return $"'{Printable(port)}' is not category/port[@flavor]";
        }

        return at >= 0 && !(port[(at + 1)..] is var flavor && (flavor == "all" || Flavor().IsMatch(flavor)))
            ? $"'{Printable(port)}' has a malformed flavor"
            : null;
    }

    public static string Printable(string text) => text.Length > 80 ? string.Concat(Sanitize(text[..80]), "…") : Sanitize(text);

    private static string Sanitize(string text) => string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
}

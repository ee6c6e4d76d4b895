using System.Collections.Immutable;

namespace GoSynth.Pkg.Ports;

/// <summary>
/// Parses the value of a <c>*_DEPENDS</c> variable into <see cref="PortDependency"/> tokens. Every real form is
/// accepted: <c>pkg&gt;=ver:origin</c>, <c>lib.so:origin</c>, <c>/abs/path:origin</c>, <c>tool:origin@flavor</c>,
/// a trailing <c>:target</c>, an origin written as <c>${PORTSDIR}/cat/port</c> or as an absolute path inside the
/// ports tree, and an origin with a trailing slash (<c>cat/port/</c>, normalised to <c>cat/port</c>). Tokens starting with <c>/nonexistent:</c> (the framework's placeholder) are skipped.
/// </summary>
public static class DependencyParser
{
    private const string NonexistentPrefix = "/nonexistent:";
    private const string PortsDirVariable = "${PORTSDIR}/";

    /// <summary>Parses one variable's value.</summary>
    /// <param name="kind">The dependency kind the variable stands for.</param>
    /// <param name="value">The value make printed (whitespace-separated tokens).</param>
    /// <param name="portsDirectory">The ports tree root, stripped from absolute origins; null to accept only relative ones.</param>
    /// <exception cref="DependencyFormatException">A token does not have the form <c>pattern:category/port[@flavor][:target]</c>.</exception>
    public static ImmutableArray<PortDependency> Parse(DependencyKind kind, string? value, string? portsDirectory = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<PortDependency>();
        foreach (var token in value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith(NonexistentPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            builder.Add(ParseToken(kind, token, portsDirectory));
        }

        return builder.ToImmutable();
    }

    /// <summary>Parses a single token such as <c>libfoo.so:devel/foo</c>.</summary>
    /// <exception cref="DependencyFormatException">The token is malformed.</exception>
    public static PortDependency ParseToken(DependencyKind kind, string token, string? portsDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == token.Length - 1)
        {
            throw new DependencyFormatException(kind, token, "expected 'pattern:category/port', with a pattern before the first ':' and an origin after it");
        }

        var pattern = token[..colon];
        var rest = token[(colon + 1)..];
        rest = StripPortsDirectory(rest, portsDirectory, kind, token);

        string? target = null;
        var targetColon = rest.IndexOf(':', StringComparison.Ordinal);
        if (targetColon >= 0)
        {
            target = rest[(targetColon + 1)..];
            rest = rest[..targetColon];
            if (target.Length == 0 || target.Contains(':', StringComparison.Ordinal))
            {
                throw new DependencyFormatException(kind, token, "the ':target' suffix must be a single non-empty make target");
            }
        }

        // Real Makefiles write origins with a trailing slash (libiconv.so:converters/libiconv/); make, the framework and
        // dsynth accept it, so does this parser: the origin is normalised without it.
        rest = TrimOriginSlashes(rest);
        if (!PortId.TryParse(rest, out var port) || port.Value.Origin.Split('/') is not [not ("." or ".."), not ("." or "..")])
        {
            throw new DependencyFormatException(kind, token, $"'{rest}' is not an origin of the form 'category/port' or 'category/port@flavor'");
        }

        return new PortDependency(kind, port.Value, pattern, target, token);
    }

    /// <summary><c>cat/port/</c> → <c>cat/port</c>, <c>cat/port/@flavor</c> → <c>cat/port@flavor</c>.</summary>
    internal static string TrimOriginSlashes(string origin)
    {
        var at = origin.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? origin.TrimEnd('/') : origin[..at].TrimEnd('/') + origin[at..];
    }

    private static string StripPortsDirectory(string origin, string? portsDirectory, DependencyKind kind, string token)
    {
        if (origin.StartsWith(PortsDirVariable, StringComparison.Ordinal))
        {
            return origin[PortsDirVariable.Length..].TrimStart('/');
        }

        if (!origin.StartsWith('/'))
        {
            return origin;
        }

        if (portsDirectory is not null)
        {
            var root = portsDirectory.TrimEnd('/') + "/";
            if (origin.StartsWith(root, StringComparison.Ordinal))
            {
                // PORTSDIR written with a trailing slash expands to "<root>//cat/port".
                return origin[root.Length..].TrimStart('/');
            }
        }

        throw new DependencyFormatException(kind, token, $"the origin '{origin}' is an absolute path outside the ports tree '{portsDirectory ?? "(unknown)"}'");
    }
}

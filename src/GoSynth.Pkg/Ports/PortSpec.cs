namespace GoSynth.Pkg.Ports;

/// <summary>
/// A port named by a user: <c>category/port</c>, <c>category/port@flavor</c>, <c>category/port@all</c> (every flavor),
/// or an absolute path to a port directory inside the ports tree (optionally with <c>@flavor</c>); a trailing slash
/// (<c>category/port/</c>) is accepted and dropped.
/// </summary>
public sealed record PortSpec
{
    /// <summary>The flavor word that selects every flavor of a port.</summary>
    public const string AllFlavors = "all";

    private PortSpec(string origin, string? flavor)
    {
        Origin = origin;
        Flavor = flavor;
    }

    /// <summary>The origin, <c>category/port</c>.</summary>
    public string Origin { get; }

    /// <summary>The flavor asked for, <see cref="AllFlavors"/> for every flavor, or null for the default.</summary>
    public string? Flavor { get; }

    /// <summary>True when the spec is <c>category/port@all</c>.</summary>
    public bool IsAllFlavors => Flavor == AllFlavors;

    /// <summary>The node this spec names before flavors are known (<c>@all</c> is kept as written).</summary>
    public PortId ToPortId() => new(Origin, Flavor);

    /// <summary>Parses and validates a spec.</summary>
    /// <param name="input">What the user wrote.</param>
    /// <param name="portsDirectory">The ports tree root, used for absolute paths.</param>
    /// <exception cref="PortSpecException">The spec breaks a rule; the message names the input and the rule.</exception>
    public static PortSpec Parse(string input, string portsDirectory)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(portsDirectory);
        if (input.Length == 0)
        {
            throw new PortSpecException(input, "a port spec cannot be empty");
        }

        var text = input;
        if (text.StartsWith('/'))
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(portsDirectory)) + "/";
            if (!text.StartsWith(root, StringComparison.Ordinal))
            {
                throw new PortSpecException(input, $"an absolute path must be inside the ports tree {root}");
            }

            text = text[root.Length..].TrimEnd('/');
        }

        foreach (var c in text)
        {
            if (!IsAllowed(c))
            {
                throw new PortSpecException(input, $"the character '{c}' is not allowed (only A-Z a-z 0-9 . _ + - @ and '/' between category and port)");
            }
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        var path = at < 0 ? text : text[..at];
        if (path.EndsWith('/') && path.TrimEnd('/').Contains('/', StringComparison.Ordinal))
        {
            // 'category/port/' (shell completion writes it): the same port.
            path = path.TrimEnd('/');
        }

        string? flavor = at < 0 ? null : text[(at + 1)..];
        if (flavor is not null && (flavor.Length == 0 || flavor.Contains('@', StringComparison.Ordinal) || flavor.Contains('/', StringComparison.Ordinal)))
        {
            throw new PortSpecException(input, "the flavor after '@' must be one non-empty word");
        }

        var parts = path.Split('/');
        if (parts.Any(part => part is "." or ".."))
        {
            throw new PortSpecException(input, "'.' and '..' are not allowed as path components");
        }

        if (parts.Length > 1 && parts.Any(part => part.Length == 0))
        {
            throw new PortSpecException(input, "a port is 'category/port': an empty path component");
        }

        if (parts.Length != 2)
        {
            throw new PortSpecException(input, parts.Length > 2
                ? "a port is 'category/port': more than two path components"
                : "a port is 'category/port': the category or the port is missing");
        }

        return new PortSpec(path, flavor);
    }

    /// <summary><c>category/port</c> or <c>category/port@flavor</c>.</summary>
    public override string ToString() => Flavor is null ? Origin : Origin + "@" + Flavor;

    private static bool IsAllowed(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '+' or '-' or '@' or '/';
}

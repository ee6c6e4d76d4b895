namespace GoSynth.Pkg.Packages.Internal;

/// <summary>Checks package paths: absolute, no <c>.</c> or <c>..</c> components, no NUL, no empty component.</summary>
internal static class PathRules
{
    /// <summary>Returns the path's components (without the leading '/'), or null when the path is unsafe.
    /// A leading <c>./</c> (some tar writers) is accepted; a trailing '/' (directories) is ignored.</summary>
    public static string[]? Split(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var p = path;
        if (p.StartsWith("./", StringComparison.Ordinal))
        {
            p = p[1..];
        }

        if (!p.StartsWith('/'))
        {
            p = "/" + p;
        }

        p = p.TrimEnd('/');
        if (p.Length == 0)
        {
            return null;
        }

        var parts = p[1..].Split('/');
        foreach (var part in parts)
        {
            if (part.Length == 0 || part == "." || part == "..")
            {
                return null;
            }
        }

        return parts;
    }

    /// <summary>The canonical absolute form, <c>/a/b/c</c>, or null when unsafe.</summary>
    public static string? Normalize(string path) => Split(path) is { } parts ? "/" + string.Join('/', parts) : null;
}

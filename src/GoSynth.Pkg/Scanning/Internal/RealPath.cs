namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>Resolves the symbolic links of a path, component by component (a managed <c>realpath</c>).</summary>
internal static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The physical path of <paramref name="path"/>; the lexical full path when a link cannot be resolved.</summary>
    public static string Resolve(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var links = 0;
        try
        {
            return Resolve(full, ref links);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return full;
        }
    }

    private static string Resolve(string full, ref int links)
    {
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return full;
                }

                next = Resolve(Path.GetFullPath(target, current), ref links);
            }

            current = next;
        }

        return Path.TrimEndingDirectorySeparator(current);
    }
}

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Resolves paths below an install root the way the kernel would (following existing symlinks, absolute targets
/// meaning the host's root) and tells whether the result stays inside the root.
/// </summary>
internal sealed class RootResolver
{
    private const int MaxLinks = 40;

    public RootResolver(string root)
    {
        RealRoot = Resolve(Path.GetFullPath(root)).TrimEnd('/');
        if (RealRoot.Length == 0)
        {
            RealRoot = "/";
        }
    }

    public string RealRoot { get; }

    /// <summary>The host path of a directory below the root, or null when following symlinks leaves the root.</summary>
    public string? ResolveDirectory(IReadOnlyList<string> components, int count)
    {
        var current = RealRoot;
        for (var i = 0; i < count; i++)
        {
            current = Resolve(Path.Combine(current, components[i]));
            if (!IsInside(current))
            {
                return null;
            }
        }

        return current;
    }

    public bool IsInside(string path) =>
        RealRoot == "/" || path == RealRoot || path.StartsWith(RealRoot + "/", StringComparison.Ordinal);

    /// <summary>Follows symlinks in every component of an absolute path; components that do not exist are kept.</summary>
    public static string Resolve(string path)
    {
        var parts = new Queue<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var current = "/";
        var links = 0;
        while (parts.Count > 0)
        {
            var part = parts.Dequeue();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? "/";
                continue;
            }

            var next = current == "/" ? "/" + part : current + "/" + part;
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"too many levels of symbolic links at '{next}'");
                }

                var rest = parts.ToArray();
                parts.Clear();
                foreach (var p in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest))
                {
                    parts.Enqueue(p);
                }

                if (target.StartsWith('/'))
                {
                    current = "/";
                }

                continue;
            }

            current = next;
        }

        return current;
    }
}

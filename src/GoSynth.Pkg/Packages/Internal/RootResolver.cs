namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Resolves a host path the way the kernel would (following existing symlinks), keeping the components that do not
/// exist; used for the install root itself, below which <see cref="RootDirectory"/> walks by handle.
/// </summary>
internal static class RootResolver
{
    private const int MaxLinks = 40;

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

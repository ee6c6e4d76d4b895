namespace GoSynth.Web.Security;

/// <summary>
/// Turns a name from a request into a file inside the logs directory, or says why not. A name is a relative path of
/// plain segments (no <c>.</c> or <c>..</c>, no backslash, no control character, no <c>%</c>: a request that still holds
/// an encoded character after the server decoded it once was encoded twice); the file it names is then resolved to its
/// real path (every symbolic link followed, in every component) and must lie inside the logs directory's real path.
/// </summary>
internal static class LogPaths
{
    private const int MaxLinks = 40;

    /// <summary>Resolves <paramref name="name"/> under <paramref name="logsDirectory"/>.</summary>
    /// <returns>The real path of an existing regular file inside the logs directory, or null with <paramref name="problem"/> set.</returns>
    public static string? Resolve(string logsDirectory, string? name, out string? problem, out bool notFound)
    {
        notFound = false;
        if (string.IsNullOrEmpty(name) || name.Length > 1024)
        {
            problem = "the file name is empty or longer than 1024 characters";
            return null;
        }

        if (name.Any(c => char.IsControl(c) || c is '\\' or '%'))
        {
            problem = "the file name holds a control character, a backslash or a '%'";
            return null;
        }

        if (name.StartsWith('/'))
        {
            problem = "the file name is absolute; name a file relative to the logs directory";
            return null;
        }

        var segments = name.Split('/');
        if (segments.Any(s => s is "" or "." or ".."))
        {
            problem = "the file name holds an empty, '.' or '..' segment";
            return null;
        }

        string root;
        try
        {
            root = RealPath(Path.GetFullPath(logsDirectory));
        }
        catch (IOException)
        {
            problem = "the logs directory cannot be resolved";
            notFound = true;
            return null;
        }

        string real;
        try
        {
            real = RealPath(Path.Combine(root, name));
        }
        catch (IOException)
        {
            problem = "the file name resolves through a loop of symbolic links";
            return null;
        }

        if (!real.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal))
        {
            problem = "the file resolves to a place outside the logs directory";
            return null;
        }

        if (!File.Exists(real))
        {
            problem = "there is no such log file";
            notFound = true;
            return null;
        }

        problem = null;
        return real;
    }

    /// <summary>
    /// The path with every symbolic link resolved, component by component, and <c>.</c>/<c>..</c> applied to the
    /// resolved directories (as the kernel does). Components that do not exist are kept as they are.
    /// </summary>
    /// <exception cref="IOException">More than 40 links were followed.</exception>
    public static string RealPath(string path)
    {
        var pending = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var current = "/";
        var links = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
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
            string? target = null;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                target = null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"too many levels of symbolic links at {next}");
            }

            foreach (var piece in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
            {
                pending.Push(piece);
            }

            if (target.StartsWith('/'))
            {
                current = "/";
            }
        }

        return current;
    }
}

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Decides whether a catalog entry's <c>repopath</c> names a file inside the repository: it must be relative, hold
/// no empty, <c>.</c> or <c>..</c> component, and resolve (following every symlink on the way) to a real path inside
/// the repository's real path. Opening re-checks the opened file's real path where the kernel shows it
/// (<c>/proc/self/fd</c>), so a symlink swapped in after the check is caught too.
/// </summary>
internal sealed class CatalogPathResolver
{
    public CatalogPathResolver(string root)
    {
        RealRoot = ResolveAll(Path.GetFullPath(root));
    }

    public string RealRoot { get; }

    /// <summary>Why <paramref name="repoPath"/> is not a safe catalog path, or <see langword="null"/> when it is.</summary>
    public static string? LexicalProblem(string repoPath)
    {
        if (repoPath.Length == 0 || repoPath.Contains('\0', StringComparison.Ordinal))
        {
            return "is empty or holds a NUL byte";
        }

        if (repoPath.StartsWith('/'))
        {
            return "is absolute";
        }

        foreach (var part in repoPath.Split('/'))
        {
            if (part.Length == 0 || part == "." || part == "..")
            {
                return "has an empty, '.' or '..' component";
            }
        }

        return null;
    }

    /// <summary>The real path the entry names, or <see langword="null"/> with <paramref name="problem"/> set when it
    /// leaves the repository.</summary>
    public string? Resolve(string repoPath, out string? problem)
    {
        problem = LexicalProblem(repoPath);
        if (problem is not null)
        {
            return null;
        }

        string real;
        try
        {
            real = ResolveAll(RealRoot + "/" + repoPath);
        }
        catch (IOException ex)
        {
            problem = "cannot be resolved (" + ex.Message + ")";
            return null;
        }

        if (!IsInside(real))
        {
            problem = $"resolves to '{real}', outside the repository";
            return null;
        }

        return real;
    }

    /// <summary>Opens a resolved path for reading and checks that what was opened is still inside the repository.</summary>
    /// <exception cref="UnauthorizedAccessException">The opened file turned out to be outside the repository.</exception>
    public FileStream OpenRead(string realPath)
    {
        var stream = new FileStream(realPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan | FileOptions.Asynchronous);
        try
        {
            var fd = stream.SafeFileHandle.DangerousGetHandle().ToInt64();
            var link = new FileInfo($"/proc/self/fd/{fd}");
            if (Directory.Exists("/proc/self/fd") && link.LinkTarget is { } opened && !IsInside(opened))
            {
                throw new UnauthorizedAccessException($"'{realPath}' was replaced by a path outside the repository ('{opened}') while it was opened");
            }

            return stream;
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private bool IsInside(string path) =>
        RealRoot == "/" || path.StartsWith(RealRoot + "/", StringComparison.Ordinal);

    /// <summary>Follows symlinks in every component of an absolute path (components that do not exist are kept).</summary>
    private static string ResolveAll(string path) => GoSynth.Pkg.Packages.Internal.RootResolver.Resolve(path);
}

namespace GoSynth.Environment.Files;

/// <summary>
/// A directory GoSynth keeps private (work files, stubs, caches) is not safe to use: it is a symbolic link, not a
/// directory, owned by another user, or writable by group or others. The message names the path, what is wrong and
/// what to do.
/// </summary>
public sealed class PrivateDirectoryException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public PrivateDirectoryException(string path, string problem)
        : base($"The private directory '{path}' {problem}. GoSynth runs makefiles from it, so it must be a real directory owned by you and not writable by group or others: remove it (or fix it) after checking its contents, or choose another directory.")
    {
        Path = path;
    }

    /// <summary>The directory that was refused.</summary>
    public string Path { get; }
}

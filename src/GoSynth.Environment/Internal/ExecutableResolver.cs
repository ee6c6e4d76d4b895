using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Internal;

/// <summary>Finds the program to execute: a path as given, or a bare name in the spec's PATH (the caller's when the spec has none).</summary>
internal static class ExecutableResolver
{
    public static string Resolve(ProcessSpec spec)
    {
        var candidates = Candidates(spec, Directory.GetCurrentDirectory(), out var searchPath);
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate) && (searchPath is null || IsExecutable(candidate)))
            {
                return candidate;
            }
        }

        throw new ProcessStartException(spec.FileName, NotFound(searchPath, candidates));
    }

    /// <summary>
    /// The absolute paths the program may be at, in the order they are tried: the name itself when it holds a '/', else
    /// each directory of the spec's PATH (the caller's when the spec has none). Relative names and PATH entries count
    /// from the child's working directory (<paramref name="baseDirectory"/> when the spec has none), where the child runs.
    /// </summary>
    /// <param name="spec">The program, its working directory and environment.</param>
    /// <param name="baseDirectory">Where relative names count from when the spec has no working directory.</param>
    /// <param name="searchPath">The PATH searched, or null when the name is a path.</param>
    public static string[] Candidates(ProcessSpec spec, string baseDirectory, out string? searchPath)
    {
        var name = spec.FileName;
        if (string.IsNullOrEmpty(name))
        {
            throw new ProcessStartException(name ?? string.Empty, "no program given");
        }

        var directory = Path.GetFullPath(spec.WorkingDirectory ?? baseDirectory, baseDirectory);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            searchPath = null;
            return [Path.GetFullPath(name, directory)];
        }

        searchPath = spec.Environment.TryGetValue("PATH", out var p) ? p : System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        return [.. searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.GetFullPath(Path.Combine(dir, name), directory))];
    }

    /// <summary>Why no candidate was taken.</summary>
    public static string NotFound(string? searchPath, string[] candidates) => searchPath is null
        ? $"'{candidates[0]}' does not exist"
        : $"not found in PATH '{searchPath}'; install it or give an absolute path";

    private static bool IsExecutable(string file)
    {
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & anyExecute) != 0;
    }
}

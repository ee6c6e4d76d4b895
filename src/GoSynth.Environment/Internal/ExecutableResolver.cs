using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Internal;

/// <summary>Finds the program to execute: a path as given, or a bare name in the spec's PATH (the caller's when the spec has none).</summary>
internal static class ExecutableResolver
{
    public static string Resolve(ProcessSpec spec)
    {
        var name = spec.FileName;
        if (string.IsNullOrEmpty(name))
        {
            throw new ProcessStartException(name ?? string.Empty, "no program given");
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(name, spec.WorkingDirectory ?? Directory.GetCurrentDirectory());
            if (!File.Exists(full))
            {
                throw new ProcessStartException(name, $"'{full}' does not exist");
            }

            return full;
        }

        var path = spec.Environment.TryGetValue("PATH", out var p) ? p : System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return candidate;
            }
        }

        throw new ProcessStartException(name, $"not found in PATH '{path}'; install it or give an absolute path");
    }

    private static bool IsExecutable(string file)
    {
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & anyExecute) != 0;
    }
}

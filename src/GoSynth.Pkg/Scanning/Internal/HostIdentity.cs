using System.Globalization;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// What the framework's cacheable variables depend on outside the tree: the C compiler the framework runs
/// (<c>_CCVERSION_*</c> comes from <c>cc --version</c>) and the host's processor count (<c>_SMP_CPUS</c>). Part of
/// the key the framework variables are cached under, so a compiler upgrade or another CPU count recomputes them.
/// </summary>
internal static class HostIdentity
{
    /// <summary>
    /// The compiler as the framework would find it: <c>CC</c> from the scan's environment (the profile) or <c>cc</c>,
    /// resolved through the scan's <c>PATH</c> and through symbolic links, with the size and modification time of the
    /// file it ends at; and <see cref="System.Environment.ProcessorCount"/>.
    /// </summary>
    public static string Describe(IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var cc = environment.GetValueOrDefault("CC")?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "cc";
        return "cc=" + DescribeProgram(cc, environment.GetValueOrDefault("PATH") ?? "", workingDirectory)
            + "\0cpus=" + System.Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
    }

    private static string DescribeProgram(string program, string searchPath, string workingDirectory)
    {
        var path = Find(program, searchPath, workingDirectory);
        if (path is null)
        {
            return program + " (not found)";
        }

        try
        {
            FileSystemInfo target = new FileInfo(path);
            if (target.LinkTarget is not null)
            {
                target = target.ResolveLinkTarget(returnFinalTarget: true) ?? target;
            }

            var file = new FileInfo(target.FullName);
            return path + " -> " + file.FullName + " " + file.Length.ToString(CultureInfo.InvariantCulture)
                + " " + file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return path + " (unreadable)";
        }
    }

    private static string? Find(string program, string searchPath, string workingDirectory)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(program, workingDirectory);
            return File.Exists(full) ? full : null;
        }

        foreach (var directory in searchPath.Split(':'))
        {
            var candidate = Path.GetFullPath(Path.Combine(directory.Length == 0 ? "." : directory, program), workingDirectory);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

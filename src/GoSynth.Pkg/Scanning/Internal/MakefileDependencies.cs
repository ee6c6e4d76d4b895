using System.Collections.Immutable;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Turns make's <c>.MAKE.MAKEFILES</c> (every makefile it read, space-separated, as make named them) into what a
/// cached answer depends on besides the port's own directory: each file inside the ports tree but outside the port's
/// directory, outside <c>Mk/</c> (already part of the cache's context key) and outside the MAKESYSPATH stubs.
/// A file inside <c>category/port/…</c> stands for that whole port directory (a slave port's MASTERDIR, a shared
/// <c>Makefile.common</c>), so files the port reads without including them (distinfo, pkg-plist) and files that
/// appear later are covered too; a file higher up stands for itself.
/// </summary>
internal static class MakefileDependencies
{
    /// <summary>The dependencies named by <paramref name="makefiles"/>, without fingerprints, ordered and distinct.</summary>
    public static ImmutableArray<(string Path, bool IsDirectory)> Collect(ScanContext context, string origin, string makefiles)
    {
        var portDirectory = context.PortDirectory(origin);
        var roots = new List<string>(2) { context.PortsDirectory };
        if (context.RealPortsDirectory.Length > 0 && context.RealPortsDirectory != context.PortsDirectory)
        {
            roots.Add(context.RealPortsDirectory);
        }

        var stubs = context.BaseEnvironment.GetValueOrDefault("MAKESYSPATH");
        var found = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var name in makefiles.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            string full;
            try
            {
                full = Path.GetFullPath(name, portDirectory);
            }
            catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
            {
                continue;
            }

            if (stubs is not null && IsUnder(full, stubs))
            {
                continue;
            }

            var relative = roots.Select(r => Relative(full, r)).FirstOrDefault(r => r is not null);
            if (relative is null)
            {
                continue;
            }

            var parts = relative.Split('/');
            if (parts[0] == "Mk" || (parts.Length > 2 && parts[0] + "/" + parts[1] == origin))
            {
                continue;
            }

            if (parts.Length > 2)
            {
                found[parts[0] + "/" + parts[1]] = true;
            }
            else
            {
                found[relative] = false;
            }
        }

        return [.. found.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value))];
    }

    private static bool IsUnder(string path, string directory)
    {
        var d = Path.TrimEndingDirectorySeparator(directory);
        return path.Length > d.Length && path.StartsWith(d, StringComparison.Ordinal) && path[d.Length] == '/';
    }

    private static string? Relative(string path, string root) => IsUnder(path, root) ? path[(root.Length + 1)..] : null;
}

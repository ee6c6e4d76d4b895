using System.Collections.Immutable;

namespace GoSynth.Pkg.Scanning;

/// <summary>Walks a ports tree.</summary>
public static class PortsTree
{
    /// <summary>Top-level directories that are never categories.</summary>
    public static ImmutableArray<string> SkippedTopLevelDirectories { get; } = ["Mk", "Templates", "Tools", "distfiles", "packages"];

    /// <summary>
    /// Every <c>category/port</c> directory that holds a <c>Makefile</c>, in ordinal order. Skips
    /// <see cref="SkippedTopLevelDirectories"/> and every directory whose name starts with a dot.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The tree does not exist.</exception>
    public static ImmutableArray<string> EnumerateOrigins(string portsDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(portsDirectory);
        if (!Directory.Exists(portsDirectory))
        {
            throw new DirectoryNotFoundException($"The ports tree '{portsDirectory}' does not exist.");
        }

        var origins = new List<string>();
        foreach (var category in Directory.EnumerateDirectories(portsDirectory))
        {
            var categoryName = Path.GetFileName(category);
            if (categoryName.StartsWith('.') || SkippedTopLevelDirectories.Contains(categoryName))
            {
                continue;
            }

            foreach (var port in Directory.EnumerateDirectories(category))
            {
                var portName = Path.GetFileName(port);
                if (!portName.StartsWith('.') && File.Exists(Path.Combine(port, "Makefile")))
                {
                    origins.Add(categoryName + "/" + portName);
                }
            }
        }

        origins.Sort(StringComparer.Ordinal);
        return [.. origins];
    }
}

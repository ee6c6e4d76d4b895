using GoSynth.Pkg.Fingerprints;

namespace GoSynth.Builder.Planning.Internal;

/// <summary>Names the files of a port directory modified after its last build, for a "fingerprint changed" reason.</summary>
internal static class ChangedFiles
{
    private const int MaxNamed = 3;

    /// <summary>" (files/patch-foo.c)" or "" when no file is newer (e.g. only a deletion).</summary>
    public static string Describe(string portDirectory, DateTimeOffset since)
    {
        List<string> changed = [];
        try
        {
            Walk(portDirectory, portDirectory, since.UtcDateTime, changed);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }

        if (changed.Count == 0)
        {
            return "";
        }

        changed.Sort(StringComparer.Ordinal);
        var named = string.Join(", ", changed.Take(MaxNamed));
        return changed.Count > MaxNamed ? $" ({named} and {changed.Count - MaxNamed} more)" : $" ({named})";
    }

    private static void Walk(string root, string directory, DateTime since, List<string> changed)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo sub)
            {
                if (!PortFingerprint.SkippedDirectoryNames.Contains(sub.Name) && sub.LinkTarget is null)
                {
                    Walk(root, sub.FullName, since, changed);
                }
            }
            else if (entry.LastWriteTimeUtc > since)
            {
                changed.Add(Path.GetRelativePath(root, entry.FullName).Replace('\\', '/'));
            }
        }
    }
}

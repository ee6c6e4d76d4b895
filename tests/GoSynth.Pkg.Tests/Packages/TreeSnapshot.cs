using System.Security.Cryptography;

namespace GoSynth.Pkg.Tests.Packages;

/// <summary>A comparable description of a directory tree: every path with its type, mode, link target and content hash.</summary>
internal static class TreeSnapshot
{
    public static SortedDictionary<string, string> Take(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(root, "", result);
        return result;
    }

    private static void Walk(string root, string relative, SortedDictionary<string, string> into)
    {
        foreach (var info in new DirectoryInfo(Path.Combine(root, relative)).EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? info.Name : relative + "/" + info.Name;
            if (info.LinkTarget is { } target)
            {
                into[path] = "link -> " + target;
            }
            else if (info is DirectoryInfo)
            {
                into[path] = "dir " + Mode(info);
                Walk(root, path, into);
            }
            else
            {
                into[path] = "file " + Mode(info) + " " + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(info.FullName)));
            }
        }
    }

    private static string Mode(FileSystemInfo info) => Convert.ToString((int)info.UnixFileMode, 8);
}

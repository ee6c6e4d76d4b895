namespace GoSynth.Environment.Internal.Slots;

/// <summary>Copies small directory trees (templates, the package database) keeping modes and symlinks; never follows a symlink. Deleting is <see cref="SafeTree"/>'s.</summary>
internal static class TreeCopier
{
    public static void CopyContents(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var entry in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, entry.Name);
            if (entry.LinkTarget is { } link)
            {
                if (File.Exists(target) || Directory.Exists(target) || new FileInfo(target).LinkTarget is not null)
                {
                    File.Delete(target);
                }

                File.CreateSymbolicLink(target, link);
            }
            else if (entry is DirectoryInfo dir)
            {
                var existed = Directory.Exists(target);
                CopyContents(dir.FullName, target);
                if (!existed && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(target, dir.UnixFileMode);
                }
            }
            else
            {
                File.Copy(entry.FullName, target, overwrite: true);
            }
        }
    }
}

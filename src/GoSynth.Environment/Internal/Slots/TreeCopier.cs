namespace GoSynth.Environment.Internal.Slots;

/// <summary>Copies and empties small directory trees (templates, the package database) keeping modes and symlinks; never follows a symlink.</summary>
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

    /// <summary>Deletes everything inside <paramref name="directory"/>; a mount point found inside is left alone.</summary>
    public static void EmptyDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo dir && entry.LinkTarget is null)
            {
                EmptyDirectory(dir.FullName);
                try
                {
                    dir.Delete();
                }
                catch (IOException)
                {
                    // A busy mount point: never descend into or remove it.
                }
            }
            else
            {
                entry.Delete();
            }
        }
    }
}

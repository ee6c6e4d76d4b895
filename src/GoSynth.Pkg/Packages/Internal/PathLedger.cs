namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Tracks the paths one package uses, so that a path that is both a file and a directory, a file or symlink over a
/// directory an earlier entry needed, or an entry below the package's own symlink, is refused while reading.
/// </summary>
internal sealed class PathLedger(string file)
{
    private readonly HashSet<string> _leaves = new(StringComparer.Ordinal);
    private readonly HashSet<string> _links = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { "/" };

    /// <summary>Records a directory (an archive entry or one the manifest lists).</summary>
    public void AddDirectory(string entry, string[] components)
    {
        var path = CheckParents(entry, components);
        if (_leaves.Contains(path))
        {
            throw new PackageFormatException(PackageErrorKind.PathClash, file, entry,
                $"'{path}' is both a file and a directory in this package");
        }

        _directories.Add(path);
    }

    /// <summary>Records a file, hard link or symlink; returns false when the archive already held this path.</summary>
    public bool AddLeaf(string entry, string[] components, bool isSymlink)
    {
        var path = CheckParents(entry, components);
        if (_directories.Contains(path))
        {
            throw new PackageFormatException(PackageErrorKind.PathClash, file, entry,
                $"'{path}' is a {(isSymlink ? "symlink" : "file")} here, but the package needs it as a directory for other entries");
        }

        if (!_leaves.Add(path))
        {
            return false;
        }

        if (isSymlink)
        {
            _links.Add(path);
        }

        return true;
    }

    public bool HasLeaf(string path) => _leaves.Contains(path);

    private string CheckParents(string entry, string[] components)
    {
        var parent = "";
        for (var i = 0; i < components.Length - 1; i++)
        {
            parent += "/" + components[i];
            if (_links.Contains(parent))
            {
                throw new PackageFormatException(PackageErrorKind.PathTraversal, file, entry,
                    $"would be written through '{parent}', a symlink in the same package");
            }

            if (_leaves.Contains(parent))
            {
                throw new PackageFormatException(PackageErrorKind.PathClash, file, entry,
                    $"'{parent}' is a file in this package, but this entry needs it as a directory");
            }

            _directories.Add(parent);
        }

        return parent + "/" + components[^1];
    }
}

using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Packages;

/// <summary>
/// Installs a package into a root directory (package path <c>/usr/local/bin/x</c> lands at <c>root/usr/local/bin/x</c>),
/// all or nothing: the payload is first streamed into a staging directory inside the root's filesystem with every
/// checksum verified; then every target is checked (no entry outside the root, none written through a symlink that
/// leaves it, no conflict); only then are files moved into place. A failure at any point leaves the root as it was.
/// Ownership is not changed (files belong to the installing user); modes and mtimes are applied. Install scripts are
/// not run (the slot's pkg runs them on BSD hosts). Hard links are installed as copies.
/// </summary>
public static class PackageInstaller
{
    private const string StagingPrefix = ".gosynth-install-";

    /// <summary>Installs <paramref name="packagePath"/> into <paramref name="rootDirectory"/> and returns what it created.</summary>
    /// <param name="packagePath">The package file.</param>
    /// <param name="rootDirectory">The existing root directory, e.g. a slot's root.</param>
    /// <param name="options">Install options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the install; the root is then left unchanged.</param>
    /// <exception cref="PackageFormatException">The package is unreadable, a checksum mismatches, a path escapes the root,
    /// or a target conflicts; nothing was installed.</exception>
    public static async Task<InstallRecord> InstallAsync(
        string packagePath, string rootDirectory, PackageInstallOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        options ??= new PackageInstallOptions();
        if (!Directory.Exists(rootDirectory))
        {
            throw new DirectoryNotFoundException($"install root '{rootDirectory}' does not exist; create it first");
        }

        var resolver = new RootResolver(rootDirectory);
        var archive = await ArchiveReader.OpenFileAsync(packagePath, cancellationToken, readAhead: true).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var section = await ManifestSection.ReadAsync(archive, cancellationToken).ConfigureAwait(false);
            var staging = Path.Combine(ChooseStagingParent(resolver, section.Manifest), StagingPrefix + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(staging);
            try
            {
                var plan = await InstallExtractor.ExtractAsync(archive, section, staging, options.PreserveModificationTimes, cancellationToken)
                    .ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return new InstallCommitter(packagePath, resolver, staging, options).Commit(section.Manifest, plan);
            }
            finally
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Removes what an install created (a slot reset): its files and symlinks, then the directories it
    /// created when they are empty. Never follows a symlink out of the root. Returns the number of paths removed.</summary>
    public static int Uninstall(InstallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var resolver = new RootResolver(record.Root);
        var removed = 0;
        foreach (var path in record.Files.Reverse())
        {
            if (Locate(resolver, path) is not { } host)
            {
                continue;
            }

            var info = new FileInfo(host);
            if (info.LinkTarget is not null || info.Exists)
            {
                File.Delete(host);
                removed++;
            }
        }

        foreach (var path in record.Directories.Reverse())
        {
            if (Locate(resolver, path) is { } host && Directory.Exists(host) && new DirectoryInfo(host).LinkTarget is null
                && !Directory.EnumerateFileSystemEntries(host).Any())
            {
                Directory.Delete(host);
                removed++;
            }
        }

        return removed;
    }

    private static string? Locate(RootResolver resolver, string path)
    {
        var components = PathRules.Split(path);
        if (components is null)
        {
            return null;
        }

        var parent = resolver.ResolveDirectory(components, components.Length - 1);
        return parent is null ? null : Path.Combine(parent, components[^1]);
    }

    /// <summary>The deepest existing real directory inside the root that contains every path of the package, so that
    /// moving staged files into place is a rename on the same filesystem (a slot's /usr/local is often its own tmpfs).</summary>
    private static string ChooseStagingParent(RootResolver resolver, PackageManifest manifest)
    {
        string[]? common = null;
        foreach (var file in manifest.Files)
        {
            var parts = PathRules.Split(file.Path);
            if (parts is null)
            {
                return resolver.RealRoot;
            }

            var parent = parts[..^1];
            if (common is null)
            {
                common = parent;
                continue;
            }

            var n = 0;
            while (n < common.Length && n < parent.Length && common[n] == parent[n])
            {
                n++;
            }

            common = common[..n];
        }

        common ??= [];
        for (var k = common.Length; k > 0; k--)
        {
            var candidate = Path.Combine([resolver.RealRoot, .. common[..k]]);
            if (Directory.Exists(candidate) && new DirectoryInfo(candidate).LinkTarget is null)
            {
                return candidate;
            }
        }

        return resolver.RealRoot;
    }
}

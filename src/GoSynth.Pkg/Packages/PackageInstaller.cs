using GoSynth.Pkg.Packages.Internal;

namespace GoSynth.Pkg.Packages;

/// <summary>
/// Installs a package into a root directory (package path <c>/usr/local/bin/x</c> lands at <c>root/usr/local/bin/x</c>),
/// all or nothing: the payload is first streamed into a staging directory inside the root's filesystem with every
/// checksum verified; then every target is checked (no entry outside the root, none written through a symlink that
/// leaves it, no conflict); only then are files moved into place. A failure at any point leaves the root as it was.
/// When the process runs as root, each path gets the owner and group the package gives it (manifest names, else the
/// archive's), mapped to ids through the root's own <c>etc/passwd</c> and <c>etc/group</c>; otherwise files belong to the
/// installing user. Modes (setuid included, applied after the owner) and mtimes are applied. Install scripts are
/// not run (the slot's pkg runs them on BSD hosts). Hard links are installed as hard links. No directory is reached by
/// letting the kernel follow a symlink: each one is opened from the root's handle a component at a time, and a symlink
/// that leads out of the root stops the install, so no byte (staging included) is ever written outside the root.
/// What a package may expand to is bounded by its manifest's <c>flatsize</c> and by <see cref="PackageInstallOptions"/>.
/// </summary>
public static class PackageInstaller
{
    /// <summary>Installs <paramref name="packagePath"/> into <paramref name="rootDirectory"/> and returns what it created.</summary>
    /// <param name="packagePath">The package file.</param>
    /// <param name="rootDirectory">The existing root directory, e.g. a slot's root.</param>
    /// <param name="options">Install options; <see langword="null"/> for defaults.</param>
    /// <param name="cancellationToken">Cancels the install; the root is then left unchanged.</param>
    /// <exception cref="PackageFormatException">The package is unreadable, a checksum mismatches, a path escapes the root,
    /// or a target conflicts; nothing was installed.</exception>
    /// <exception cref="PlatformNotSupportedException">The host is not Linux (BSD hosts install with the slot's pkg(8)).</exception>
    public static Task<InstallRecord> InstallAsync(
        string packagePath, string rootDirectory, PackageInstallOptions? options = null, CancellationToken cancellationToken = default) =>
        InstallAsync(packagePath, rootDirectory, options, DecoderChoice.Auto, cancellationToken);

    /// <summary>As the public overload, with the decoder forced (benchmarks compare native and managed).</summary>
    internal static async Task<InstallRecord> InstallAsync(
        string packagePath, string rootDirectory, PackageInstallOptions? options, DecoderChoice decoders, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        options ??= new PackageInstallOptions();
        if (OperatingSystem.IsWindows() || !LinuxFs.IsSupported)
        {
            throw Unsupported();
        }

        if (!Directory.Exists(rootDirectory))
        {
            throw new DirectoryNotFoundException($"install root '{rootDirectory}' does not exist; create it first");
        }

        using var root = new RootDirectory(rootDirectory);
        var archive = await ArchiveReader.OpenFileAsync(packagePath, cancellationToken, readAhead: true, decoders).ConfigureAwait(false);
        await using (archive.ConfigureAwait(false))
        {
            var section = await ManifestSection.ReadAsync(archive, cancellationToken).ConfigureAwait(false);
            var owners = OwnerMap.ForInstall(root, packagePath, options.Logger);
            var parent = ChooseStagingParent(root, section.Manifest);
            try
            {
                StagingArea.SweepStale(root, SweepDirectories(parent.Canonical), options.Logger);
            }
            catch
            {
                parent.Dispose();
                throw;
            }

            using var staging = StagingArea.Create(parent);
            var plan = await InstallExtractor.ExtractAsync(archive, section, staging, options, owners, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return new InstallCommitter(packagePath, root, staging, options).Commit(section.Manifest, plan);
        }
    }

    /// <summary>Removes what an install created (a slot reset): its files and symlinks, then the directories it
    /// created when they are empty. Never follows a symlink out of the root. Returns the number of paths removed.</summary>
    /// <exception cref="PlatformNotSupportedException">The host is not Linux.</exception>
    public static int Uninstall(InstallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (OperatingSystem.IsWindows() || !LinuxFs.IsSupported)
        {
            throw Unsupported();
        }

        using var root = new RootDirectory(record.Root);
        var removed = 0;
        foreach (var path in record.Files.Reverse())
        {
            removed += Remove(root, path, 0);
        }

        foreach (var path in record.Directories.Reverse())
        {
            removed += Remove(root, path, LinuxFs.AtRemoveDir);
        }

        return removed;
    }

    private static PlatformNotSupportedException Unsupported() => new(
        "installing packages needs Linux's openat(2) family; on FreeBSD and DragonFly hosts the slot's pkg(8) installs them");

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static int Remove(RootDirectory root, string path, int flags)
    {
        if (PathRules.Split(path) is not { } components)
        {
            return 0;
        }

        using var parent = root.Walk(components, components.Length - 1);
        return parent.Status == WalkStatus.Found && LinuxFs.UnlinkAt(parent.Fd, components[^1], flags) == 0 ? 1 : 0;
    }

    /// <summary>
    /// Where an earlier install of this package may have staged: <paramref name="stagingParent"/> (the directory this
    /// install stages in) and every directory above it up to the root. An install stages in the deepest existing
    /// directory above all of the package's files; an earlier one saw the same files and at most the directories there
    /// are now (its staging directory keeps its own parent alive), so it chose this directory or one above it. Only
    /// these few are scanned, not every directory the package has files in.
    /// </summary>
    private static List<string> SweepDirectories(string stagingParent)
    {
        var directories = new List<string> { "/" };
        var parts = PathRules.Split(stagingParent) ?? [];
        for (var k = 1; k <= parts.Length; k++)
        {
            directories.Add("/" + string.Join('/', parts, 0, k));
        }

        return directories;
    }

    /// <summary>The deepest existing directory inside the root that contains every path of the package, so that
    /// moving staged files into place is a rename on the same filesystem (a slot's /usr/local is often its own tmpfs).
    /// It is reached by a <see cref="RootDirectory"/> walk, so the staging directory is inside the root.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static WalkResult ChooseStagingParent(RootDirectory root, PackageManifest manifest)
    {
        string[]? common = null;
        foreach (var file in manifest.Files)
        {
            var parts = PathRules.Split(file.Path);
            if (parts is null)
            {
                common = [];
                break;
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
            var candidate = root.Walk(common, k);
            if (candidate.Status == WalkStatus.Found)
            {
                return candidate;
            }

            candidate.Dispose();
        }

        return root.Walk(common, 0);
    }
}

namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Phase 2 of an install: checks every target against the root (no escape through existing symlinks, no conflicts),
/// then moves staged files into place, creates symlinks and directories, and undoes all of it if any step fails.
/// Every directory is reached through <see cref="RootDirectory.Walk"/>, so nothing is created or written outside the root.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class InstallCommitter(string packageFile, RootDirectory root, StagingArea staging, PackageInstallOptions options)
{
    private readonly List<string> _createdDirectories = [];
    private readonly List<string> _placed = [];
    private readonly List<(string Target, string Backup)> _backups = [];

    public InstallRecord Commit(PackageManifest manifest, InstallPlan plan)
    {
        Preflight(plan);
        try
        {
            foreach (var dir in plan.Directories.Keys.OrderBy(d => d, StringComparer.Ordinal))
            {
                var components = PathRules.Split(dir)!;
                WalkOrThrow(components, components.Length, dir, create: true).Dispose();
            }

            foreach (var item in plan.Items)
            {
                Place(item);
            }

            ApplyDirectoryModes(plan);
        }
        catch
        {
            Rollback();
            throw;
        }

        foreach (var (target, backup) in _backups)
        {
            using var parent = WalkParent(target);
            if (parent.Status == WalkStatus.Found)
            {
                _ = LinuxFs.UnlinkAt(parent.Fd, backup, 0);
            }
        }

        return new InstallRecord
        {
            Name = manifest.Name,
            Version = manifest.Version,
            Root = root.RealRoot,
            Files = [.. _placed],
            Directories = [.. _createdDirectories],
            Replaced = _backups.Select(b => b.Target).ToArray(),
        };
    }

    private void Preflight(InstallPlan plan)
    {
        foreach (var item in plan.Items)
        {
            using var parent = root.Walk(item.Components, item.Components.Length - 1);
            switch (parent.Status)
            {
                case WalkStatus.Escapes:
                    throw Traversal(item.Path, parent.Canonical);
                case WalkStatus.NotDirectory:
                    throw NotDirectory(item.Path, parent.Canonical);
                case WalkStatus.Missing:
                    continue;
            }

            var leaf = item.Components[^1];
            if (Probe(parent.Fd, leaf, LinuxFs.DirectoryHandleFlags))
            {
                throw new PackageFormatException(PackageErrorKind.Conflict, packageFile, item.Path, "a directory exists at this path");
            }

            if (!options.ReplaceExisting && Probe(parent.Fd, leaf, LinuxFs.OPath | LinuxFs.ONoFollow | LinuxFs.OCloExec))
            {
                throw new PackageFormatException(PackageErrorKind.Conflict, packageFile, item.Path, "a file already exists at this path");
            }
        }
    }

    private void Place(PlannedItem item)
    {
        using var parent = WalkOrThrow(item.Components, item.Components.Length - 1, item.Path, create: true);
        var leaf = item.Components[^1];
        var target = (parent.Canonical == "/" ? "" : parent.Canonical) + "/" + leaf;
        if (Probe(parent.Fd, leaf, LinuxFs.OPath | LinuxFs.ONoFollow | LinuxFs.OCloExec))
        {
            if (!options.ReplaceExisting || Probe(parent.Fd, leaf, LinuxFs.DirectoryHandleFlags))
            {
                throw new PackageFormatException(PackageErrorKind.Conflict, packageFile, item.Path, "something already exists at this path");
            }

            var backup = ".gosynth-old-" + Guid.NewGuid().ToString("N")[..12];
            Check(LinuxFs.RenameAt(parent.Fd, leaf, parent.Fd, backup, noReplace: true), item.Path, "cannot set the existing file aside");
            _backups.Add((target, backup));
        }

        var r = item.LinkTarget is not null
            ? LinuxFs.SymlinkAt(item.LinkTarget, parent.Fd, leaf)
            : staging.MoveOut(item.StagedName!, parent.Fd, leaf);
        Check(r, item.Path, "cannot place it");
        _placed.Add(target);
        if (item.LinkTarget is not null && item.Owner is { } owner)
        {
            // The link itself, never what it points to.
            Check(LinuxFs.LChownAt(parent.Fd, leaf, owner.Uid, owner.Gid), item.Path, $"cannot give the symlink owner {owner.Uid}:{owner.Gid}");
        }
    }

    private void ApplyDirectoryModes(InstallPlan plan)
    {
        var created = new HashSet<string>(_createdDirectories, StringComparer.Ordinal);
        foreach (var (dir, mode) in plan.Directories.OrderByDescending(d => d.Key.Length))
        {
            var components = PathRules.Split(dir)!;
            using var reached = root.Walk(components, components.Length);
            if (reached.Status == WalkStatus.Found && created.Contains(reached.Canonical))
            {
                using var parent = WalkParent(reached.Canonical);
                if (parent.Status == WalkStatus.Found)
                {
                    RootDirectory.Chmod(parent.Fd, Path.GetFileName(reached.Canonical), mode ?? 0x1ED,
                        plan.DirectoryOwners.TryGetValue(dir, out var owner) ? owner : null);
                }
            }
        }
    }

    private WalkResult WalkOrThrow(string[] components, int count, string path, bool create)
    {
        var result = root.Walk(components, count, create ? _createdDirectories : null);
        if (result.Status == WalkStatus.Found)
        {
            return result;
        }

        result.Dispose();
        throw result.Status == WalkStatus.Escapes ? Traversal(path, result.Canonical) : NotDirectory(path, result.Canonical);
    }

    private WalkResult WalkParent(string canonical)
    {
        var components = PathRules.Split(canonical) ?? [];
        return root.Walk(components, Math.Max(0, components.Length - 1));
    }

    private void Rollback()
    {
        for (var i = _placed.Count - 1; i >= 0; i--)
        {
            using var parent = WalkParent(_placed[i]);
            if (parent.Status == WalkStatus.Found)
            {
                _ = LinuxFs.UnlinkAt(parent.Fd, Path.GetFileName(_placed[i]), 0);
            }
        }

        for (var i = _backups.Count - 1; i >= 0; i--)
        {
            var (target, backup) = _backups[i];
            using var parent = WalkParent(target);
            if (parent.Status == WalkStatus.Found)
            {
                _ = LinuxFs.RenameAt(parent.Fd, backup, parent.Fd, Path.GetFileName(target), noReplace: false);
            }
        }

        for (var i = _createdDirectories.Count - 1; i >= 0; i--)
        {
            using var parent = WalkParent(_createdDirectories[i]);
            if (parent.Status == WalkStatus.Found)
            {
                _ = LinuxFs.UnlinkAt(parent.Fd, Path.GetFileName(_createdDirectories[i]), LinuxFs.AtRemoveDir);
            }
        }
    }

    private static bool Probe(int dirFd, string name, int flags)
    {
        var fd = LinuxFs.OpenAt(dirFd, name, flags);
        LinuxFs.Close(fd);
        return fd >= 0;
    }

    private void Check(int result, string path, string what)
    {
        if (result == -LinuxFs.EEXIST)
        {
            throw new PackageFormatException(PackageErrorKind.Conflict, packageFile, path, "something already exists at this path");
        }

        if (result < 0)
        {
            throw LinuxFs.Error(result, $"{packageFile}, entry '{path}': {what}");
        }
    }

    private PackageFormatException Traversal(string path, string at) => new(PackageErrorKind.PathTraversal, packageFile, path,
        $"would be written through '{at}', a symlink that points outside the root");

    private PackageFormatException NotDirectory(string path, string at) => new(PackageErrorKind.Conflict, packageFile, path,
        $"'{at}' exists in the root and is not a directory");
}

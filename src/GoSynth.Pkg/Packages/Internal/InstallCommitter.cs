namespace GoSynth.Pkg.Packages.Internal;

/// <summary>
/// Phase 2 of an install: checks every target against the root (no escape through existing symlinks, no conflicts),
/// then moves staged files into place, creates symlinks and directories, and undoes all of it if any step fails.
/// </summary>
internal sealed class InstallCommitter(string packageFile, RootResolver resolver, string staging, PackageInstallOptions options)
{
    private readonly List<string> _createdDirectories = [];
    private readonly List<string> _placed = [];
    private readonly List<(string Target, string Backup)> _backups = [];

    public InstallRecord Commit(PackageManifest manifest, InstallPlan plan)
    {
        var targets = Preflight(plan);
        try
        {
            foreach (var dir in plan.Directories.Keys.OrderBy(d => d, StringComparer.Ordinal))
            {
                EnsureDirectory(ResolveOrThrow(PathRules.Split(dir)!, dir, includeLast: true));
            }

            for (var i = 0; i < plan.Items.Count; i++)
            {
                Place(plan.Items[i], targets[i]);
            }

            foreach (var (dir, mode) in plan.Directories)
            {
                var host = ResolveOrThrow(PathRules.Split(dir)!, dir, includeLast: true);
                if (_createdDirectories.Contains(host))
                {
                    UnixModes.Set(host, mode);
                }
            }
        }
        catch
        {
            Rollback();
            throw;
        }

        return new InstallRecord
        {
            Name = manifest.Name,
            Version = manifest.Version,
            Root = resolver.RealRoot,
            Files = _placed.Select(Relative).ToArray(),
            Directories = _createdDirectories.Select(Relative).ToArray(),
            Replaced = _backups.Select(b => Relative(b.Target)).ToArray(),
        };
    }

    private string[] Preflight(InstallPlan plan)
    {
        var targets = new string[plan.Items.Count];
        for (var i = 0; i < plan.Items.Count; i++)
        {
            var item = plan.Items[i];
            var target = ResolveOrThrow(item.Components, item.Path, includeLast: false);
            var info = new FileInfo(target);
            if (Directory.Exists(target) && info.LinkTarget is null)
            {
                throw new PackageFormatException(PackageErrorKind.Conflict, packageFile, item.Path, "a directory exists at this path");
            }

            if ((info.Exists || info.LinkTarget is not null) && !options.ReplaceExisting)
            {
                throw new PackageFormatException(PackageErrorKind.Conflict, packageFile, item.Path, "a file already exists at this path");
            }

            targets[i] = target;
        }

        return targets;
    }

    /// <summary>The host path for a package path: parents resolved through existing symlinks (which must stay inside
    /// the root), the last component itself not followed unless <paramref name="includeLast"/>.</summary>
    private string ResolveOrThrow(string[] components, string path, bool includeLast)
    {
        var parentCount = includeLast ? components.Length : components.Length - 1;
        var parent = resolver.ResolveDirectory(components, parentCount) ?? throw new PackageFormatException(
            PackageErrorKind.PathTraversal, packageFile, path, "would be written through a symlink that points outside the root");
        return includeLast ? parent : Path.Combine(parent, components[^1]);
    }

    private void EnsureDirectory(string host)
    {
        var missing = new Stack<string>();
        var current = host;
        while (!Directory.Exists(current))
        {
            if (File.Exists(current) || new FileInfo(current).LinkTarget is not null)
            {
                throw new PackageFormatException(PackageErrorKind.Conflict, packageFile, Relative(current), "a file exists where a directory is needed");
            }

            missing.Push(current);
            current = Path.GetDirectoryName(current)!;
        }

        while (missing.Count > 0)
        {
            var dir = missing.Pop();
            Directory.CreateDirectory(dir);
            UnixModes.Set(dir, 0x1ED);
            _createdDirectories.Add(dir);
        }
    }

    private void Place(PlannedItem item, string target)
    {
        EnsureDirectory(Path.GetDirectoryName(target)!);
        if (!resolver.IsInside(RootResolver.Resolve(Path.GetDirectoryName(target)!)))
        {
            throw new PackageFormatException(PackageErrorKind.PathTraversal, packageFile, item.Path, "would be written outside the root");
        }

        var info = new FileInfo(target);
        if (info.Exists || info.LinkTarget is not null)
        {
            var backup = Path.Combine(staging, "backup-" + _backups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Move(target, backup);
            _backups.Add((target, backup));
        }

        if (item.LinkTarget is not null)
        {
            File.CreateSymbolicLink(target, item.LinkTarget);
        }
        else
        {
            File.Move(item.StagedPath!, target, overwrite: false);
        }

        _placed.Add(target);
    }

    private void Rollback()
    {
        for (var i = _placed.Count - 1; i >= 0; i--)
        {
            TryDo(() => File.Delete(_placed[i]));
        }

        for (var i = _backups.Count - 1; i >= 0; i--)
        {
            var (target, backup) = _backups[i];
            TryDo(() => File.Move(backup, target, overwrite: true));
        }

        for (var i = _createdDirectories.Count - 1; i >= 0; i--)
        {
            TryDo(() => Directory.Delete(_createdDirectories[i], recursive: false));
        }
    }

    private static void TryDo(Action action)
    {
        try
        {
            action();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private string Relative(string host) =>
        resolver.RealRoot == "/" ? host : "/" + Path.GetRelativePath(resolver.RealRoot, host).Replace('\\', '/');
}

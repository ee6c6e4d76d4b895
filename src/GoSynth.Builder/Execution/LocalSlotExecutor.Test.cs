using GoSynth.Builder.Execution.Internal;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Packages;

namespace GoSynth.Builder.Execution;

public sealed partial class LocalSlotExecutor
{
    /// <summary>
    /// Test mode, after <c>package</c> (dsynth's <c>install</c> and <c>deinstall</c> phases): installs the package just
    /// made into the slot, checks that every file it lists is there, removes it again and checks that the slot's
    /// <c>/usr/local</c> is exactly as it was before the install. Returns the failure, or null.
    /// </summary>
    private async Task<string?> InstallAndDeinstallAsync(PortRun run, string packagePath, CancellationToken cancellationToken)
    {
        var slot = run.Worker.Slot;
        var localBase = slot.MapToHost("/usr/local");
        var before = TreeSnapshot.Take(localBase);
        var failure = OperatingSystem.IsLinux()
            ? await InstallAndDeinstallNativeAsync(run, packagePath, cancellationToken).ConfigureAwait(false)
            : await InstallAndDeinstallWithPkgAsync(run, packagePath, cancellationToken).ConfigureAwait(false);
        if (failure is null && before.FirstDifference(TreeSnapshot.Take(localBase)) is { } change)
        {
            failure = $"removing the package did not leave /usr/local as it was before the install: {change}";
        }

        var elapsed = run.EndPhase();
        if (failure is not null)
        {
            run.Worker.Dirty = true;
            run.Log.Write("=> FAILED: " + failure);
        }
        else if (OperatingSystem.IsLinux())
        {
            // The deinstall phase stays open until /usr/local was compared (pkg delete on BSD closes its own).
            run.Log.Write("=> SUCCEEDED " + PortLog.FormatDuration(elapsed));
        }

        return failure;
    }

    /// <summary>Linux: GoSynth's installer puts the package into the slot root; its install record takes it out again.</summary>
    private async Task<string?> InstallAndDeinstallNativeAsync(PortRun run, string packagePath, CancellationToken cancellationToken)
    {
        var slot = run.Worker.Slot;
        Publish(run, PortPhases.Install);
        run.BeginPhase(PortPhases.Install);
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_watchdog.TryGetValue(PortPhases.Install, out var limit))
        {
            watchdog.CancelAfter(limit);
        }

        run.Log.Write($"=> Installing {packagePath} into the slot");
        InstallRecord record;
        try
        {
            record = await PackageInstaller.InstallAsync(slot.MapToHost(packagePath), slot.MapToHost("/"), null, watchdog.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"installing {packagePath} took longer than {PortLog.FormatDuration(limit)}: the watchdog stopped it";
        }
        catch (Exception e) when (e is PackageFormatException or IOException or UnauthorizedAccessException)
        {
            return $"the package does not install: {e.Message}";
        }

        var missing = record.Files.FirstOrDefault(f => !Path.Exists(slot.MapToHost(f)) && new FileInfo(slot.MapToHost(f)).LinkTarget is null);
        run.Log.Write($"   {record.Files.Count} files, {record.Directories.Count} directories");
        run.Log.Write("=> SUCCEEDED " + PortLog.FormatDuration(run.EndPhase()));
        Publish(run, PortPhases.Deinstall);
        run.BeginPhase(PortPhases.Deinstall);
        var removed = PackageInstaller.Uninstall(record);
        run.Log.Write($"=> Removed {removed} paths of {record.Name}-{record.Version}");
        if (missing is not null)
        {
            return $"the package lists {missing}, which is not in the slot after the install";
        }

        return removed < record.Files.Count ? $"only {removed} of the package's {record.Files.Count} files could be removed" : null;
    }

    /// <summary>FreeBSD/DragonFly: <c>pkg add</c> and <c>pkg delete</c> inside the slot, as dsynth's phases do.</summary>
    private async Task<string?> InstallAndDeinstallWithPkgAsync(PortRun run, string packagePath, CancellationToken cancellationToken)
    {
        var slot = run.Worker.Slot;
        var manifest = await PackageReader.ReadCompactManifestAsync(slot.MapToHost(packagePath), cancellationToken).ConfigureAwait(false);
        foreach (var (phase, program, arguments) in new[]
        {
            (PortPhases.Install, "pkg add", new[] { "add", packagePath }),
            (PortPhases.Deinstall, "pkg delete", new[] { "delete", "-y", manifest.Name }),
        })
        {
            Publish(run, phase);
            run.BeginPhase(phase);
            var command = new SlotCommand("pkg", arguments)
            {
                Environment = _environment,
                NoOutputTimeout = _watchdog.TryGetValue(phase, out var limit) ? limit : null,
            };
            run.Log.Write("+ " + PortLog.FormatCommand(command.FileName, command.Arguments));
            var result = await slot.ExecuteAsync(command, run.Log, cancellationToken).ConfigureAwait(false);
            if (Failure(result, program, command.NoOutputTimeout) is { } failure)
            {
                return failure;
            }

            run.Log.Write("=> SUCCEEDED " + PortLog.FormatDuration(run.EndPhase()));
        }

        return null;
    }
}

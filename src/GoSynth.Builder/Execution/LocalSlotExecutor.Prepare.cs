using GoSynth.Builder.Execution.Internal;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Packages;

namespace GoSynth.Builder.Execution;

public sealed partial class LocalSlotExecutor
{
    /// <summary>
    /// Gets the slot ready for the port: reset it, or keep the packages it holds when the port's closure contains all
    /// of them (emptying only /construction); write the make.conf and stubs; install what is missing, in closure order.
    /// Returns the failure, or null and (with reuse on) a snapshot of /usr/local taken before the phases.
    /// </summary>
    private async Task<(string? Failure, TreeSnapshot? LocalBase)> PrepareSlotAsync(PortRun run, SlotFiles files, CancellationToken cancellationToken)
    {
        var worker = run.Worker;
        var slot = worker.Slot;
        var wanted = ToInstall(run.Request).ToList();
        var reason = ResetReason(worker, wanted);
        if (reason is null && !worker.Fresh && !await TryCleanConstructionAsync(run, cancellationToken).ConfigureAwait(false))
        {
            reason = "/construction could not be emptied in place";
        }

        if (reason is not null)
        {
            run.Log.Write($"=> Resetting slot {slot.Name}: {reason}");
            Internal.Log.SlotReset(_logger, slot.Name, run.Port, reason);
            lock (worker)
            {
                worker.Held.Clear();
                worker.Dirty = true;
            }

            await slot.ResetAsync(cancellationToken).ConfigureAwait(false);
            worker.Dirty = false;
        }

        worker.Fresh = false;
        files.WriteInto(slot.MapToHost("/"));

        List<PortNode> install;
        lock (worker)
        {
            var held = worker.Held.Select(h => h.Port).ToHashSet();
            install = [.. wanted.Where(n => !held.Contains(n.Id))];
            run.Reused = wanted.Count - install.Count;
        }

        if (run.Reused > 0)
        {
            run.Log.Write($"=> Slot {slot.Name} already holds {run.Reused} of the {wanted.Count} dependency packages: {DependencyList(wanted.Where(n => !install.Contains(n)).Select(n => n.Id))}");
            Internal.Log.DependenciesReused(_logger, slot.Name, run.Port, run.Reused, install.Count);
        }

        if (install.Count > 0)
        {
            Publish(run, PortPhases.InstallPackages);
            run.BeginPhase(PortPhases.InstallPackages);
            var failure = OperatingSystem.IsLinux()
                ? await InstallNativeAsync(run, install, cancellationToken).ConfigureAwait(false)
                : await InstallWithPkgAsync(run, install, cancellationToken).ConfigureAwait(false);
            var elapsed = run.EndPhase();
            run.Log.Write((failure is null ? "=> SUCCEEDED " : "=> FAILED ") + PortLog.FormatDuration(elapsed));
            if (failure is not null)
            {
                worker.Dirty = true;
                return (failure, null);
            }
        }

        return (null, _executorOptions.ReuseDependencies ? TreeSnapshot.Take(slot.MapToHost("/usr/local")) : null);
    }

    /// <summary>Why the slot must be reset before this port, or null when it can keep what it holds.</summary>
    private string? ResetReason(SlotWorker worker, List<PortNode> wanted)
    {
        if (worker.Fresh)
        {
            return null;
        }

        if (!_executorOptions.ReuseDependencies)
        {
            return "dependency reuse is off";
        }

        lock (worker)
        {
            if (worker.Dirty)
            {
                return "the previous port left it in an unknown state";
            }

            var byPort = wanted.ToDictionary(n => n.Id);
            foreach (var held in worker.Held)
            {
                if (!byPort.TryGetValue(held.Port, out var node))
                {
                    return $"it holds {held.Port}, which this port does not depend on";
                }

                var now = HeldPackage.Describe(node.Id, node.Metadata!.PackageFile, worker.Slot.MapToHost("/packages/All/" + node.Metadata.PackageFile));
                if (now != held)
                {
                    return $"the package of {held.Port} changed since it was installed ({held.PackageFile} → {node.Metadata.PackageFile})";
                }
            }
        }

        return null;
    }

    /// <summary>Empties /construction inside the slot (never crossing into another filesystem); false when that failed.</summary>
    private async Task<bool> TryCleanConstructionAsync(PortRun run, CancellationToken cancellationToken)
    {
        var slot = run.Worker.Slot;
        if (!Directory.EnumerateFileSystemEntries(slot.MapToHost("/construction")).Any())
        {
            return true;
        }

        var command = new SlotCommand("find", ["/construction", "-xdev", "-mindepth", "1", "-delete"])
        {
            Environment = _environment,
            NoOutputTimeout = TimeSpan.FromMinutes(10),
        };
        run.Log.Write("=> Emptying /construction, keeping the installed packages");
        run.Log.Write("+ " + PortLog.FormatCommand(command.FileName, command.Arguments));
        var result = await slot.ExecuteAsync(command, run.Log, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return true;
        }

        Internal.Log.ConstructionCleanFailed(_logger, slot.Name, Failure(result, "find", command.NoOutputTimeout) ?? "unknown");
        return false;
    }

    /// <summary>Linux: installs each package with GoSynth's installer into the slot root, all or nothing per package.</summary>
    private async Task<string?> InstallNativeAsync(PortRun run, List<PortNode> install, CancellationToken cancellationToken)
    {
        var slot = run.Worker.Slot;
        using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_watchdog.TryGetValue(PortPhases.InstallPackages, out var limit))
        {
            watchdog.CancelAfter(limit);
        }

        foreach (var node in install)
        {
            var file = node.Metadata!.PackageFile;
            var slotPath = "/packages/All/" + file;
            var hostPath = slot.MapToHost(slotPath);
            var identity = HeldPackage.Describe(node.Id, file, hostPath);
            if (identity is null)
            {
                return $"the package of dependency {node.Id} is missing: {slotPath}";
            }

            if (new FileInfo(hostPath).LinkTarget is not null)
            {
                return $"the package of dependency {node.Id}, {slotPath}, is a symbolic link; refusing to install it";
            }

            run.Log.Write($"=> Installing {file} ({node.Id})");
            InstallRecord record;
            try
            {
                record = await PackageInstaller.InstallAsync(hostPath, slot.MapToHost("/"), null, watchdog.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"installing {file} took longer than {PortLog.FormatDuration(limit)}: the watchdog stopped it";
            }
            catch (Exception e) when (e is PackageFormatException or IOException or UnauthorizedAccessException)
            {
                return $"cannot install {slotPath} ({node.Id}): {e.Message}";
            }

            run.Log.Write($"   {record.Files.Count} files, {record.Directories.Count} directories");
            run.Installed++;
            lock (run.Worker)
            {
                run.Worker.Held.Add(identity);
            }
        }

        return null;
    }

    /// <summary>FreeBSD/DragonFly: <c>pkg add</c> inside the slot, one package at a time, as dsynth installs them.</summary>
    private async Task<string?> InstallWithPkgAsync(PortRun run, List<PortNode> install, CancellationToken cancellationToken)
    {
        var slot = run.Worker.Slot;
        _watchdog.TryGetValue(PortPhases.InstallPackages, out var limit);
        foreach (var node in install)
        {
            var file = node.Metadata!.PackageFile;
            var slotPath = "/packages/All/" + file;
            var identity = HeldPackage.Describe(node.Id, file, slot.MapToHost(slotPath));
            if (identity is null)
            {
                return $"the package of dependency {node.Id} is missing: {slotPath}";
            }

            var command = new SlotCommand("pkg", ["add", slotPath])
            {
                Environment = _environment,
                NoOutputTimeout = limit > TimeSpan.Zero ? limit : null,
            };
            run.Log.Write("+ " + PortLog.FormatCommand(command.FileName, command.Arguments));
            var result = await slot.ExecuteAsync(command, run.Log, cancellationToken).ConfigureAwait(false);
            if (Failure(result, "pkg add", command.NoOutputTimeout) is { } failure)
            {
                return $"cannot install {slotPath} ({node.Id}): {failure}";
            }

            run.Installed++;
            lock (run.Worker)
            {
                run.Worker.Held.Add(identity);
            }
        }

        return null;
    }
}

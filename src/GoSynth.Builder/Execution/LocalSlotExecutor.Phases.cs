using GoSynth.Builder.Execution.Internal;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Packages;

namespace GoSynth.Builder.Execution;

public sealed partial class LocalSlotExecutor
{
    /// <summary>
    /// Runs the make phases of the mode in order (<c>make -C /xports/&lt;origin&gt; [FLAVOR=f] -DNO_DEPENDS &lt;phase&gt;</c>),
    /// each under its watchdog, stopping at the first failure; after <c>package</c>, checks the package file; in test
    /// mode then installs the package into the slot and removes it again.
    /// </summary>
    private async Task<string?> RunPhasesAsync(PortRun run, CancellationToken cancellationToken)
    {
        var node = run.Request.Node;
        var slot = run.Worker.Slot;
        var packagePath = "/packages/All/" + node.Metadata!.PackageFile;
        var before = HeldPackage.Describe(node.Id, node.Metadata.PackageFile, slot.MapToHost(packagePath));
        foreach (var phase in PortPhases.MakePhasesFor(_executorOptions.Mode, _options.CheckPlist))
        {
            Publish(run, phase);
            run.BeginPhase(phase);
            var arguments = new List<string>(5) { "-C", "/xports/" + node.Id.Origin };
            if (node.Id.Flavor is { } flavor)
            {
                arguments.Add("FLAVOR=" + flavor);
            }

            arguments.Add("-DNO_DEPENDS");
            arguments.Add(phase);
            var command = new SlotCommand(_makeProgram, arguments)
            {
                Environment = _environment,
                NoOutputTimeout = _watchdog.TryGetValue(phase, out var limit) ? limit : null,
                AllowNetwork = phase == PortPhases.Fetch,
            };
            run.Log.Write("+ " + PortLog.FormatCommand(command.FileName, command.Arguments));
            var result = await slot.ExecuteAsync(command, run.Log, cancellationToken).ConfigureAwait(false);
            var failure = Failure(result, "make", command.NoOutputTimeout);
            if (failure is null && phase == PortPhases.Package)
            {
                failure = await CheckPackageAsync(run, packagePath, before, cancellationToken).ConfigureAwait(false);
            }

            var elapsed = run.EndPhase();
            if (result.Outcome == Environment.Processes.ProcessOutcome.NoOutput)
            {
                run.Log.Write($"=> WATCHDOG: {phase} of {run.Port} printed nothing for {PortLog.FormatDuration(limit)} and was killed");
            }

            run.Log.Write((failure is null ? "=> SUCCEEDED " : "=> FAILED ") + PortLog.FormatDuration(elapsed));
            if (failure is not null)
            {
                return failure;
            }
        }

        return _executorOptions.Mode == Running.BuildRunMode.Test
            ? await InstallAndDeinstallAsync(run, packagePath, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <summary>
    /// After <c>package</c>: <c>${PACKAGES}/All/&lt;PKGFILE&gt;</c> must be a regular file written by this build, readable
    /// as a package, and name the port's origin, version and flavor. Returns the failure, or null.
    /// </summary>
    private async Task<string?> CheckPackageAsync(PortRun run, string slotPath, HeldPackage? before, CancellationToken cancellationToken)
    {
        var node = run.Request.Node;
        var metadata = node.Metadata!;
        var hostPath = run.Worker.Slot.MapToHost(slotPath);
        var info = new FileInfo(hostPath);
        if (info.LinkTarget is not null)
        {
            return $"{slotPath} is a symbolic link, not a package";
        }

        if (!info.Exists)
        {
            return $"the package phase did not write {slotPath}";
        }

        if (before is not null && HeldPackage.Describe(node.Id, metadata.PackageFile, hostPath) == before)
        {
            return $"the package phase did not write {slotPath}: the file there is unchanged since before this build";
        }

        PackageManifest manifest;
        try
        {
            manifest = await PackageReader.ReadCompactManifestAsync(hostPath, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PackageFormatException or IOException or UnauthorizedAccessException)
        {
            return $"{slotPath} is not a readable package: {e.Message}";
        }

        if (!string.Equals(manifest.Origin, node.Id.Origin, StringComparison.Ordinal))
        {
            return $"{slotPath} is the package of '{manifest.Origin}', not of {node.Id.Origin}";
        }

        if (!string.Equals(manifest.Version, metadata.Version, StringComparison.Ordinal))
        {
            return $"{slotPath} has version {manifest.Version}, but {node.Id} is version {metadata.Version}";
        }

        if (node.Id.Flavor is { } flavor && manifest.GetAnnotation("flavor") is { } packaged && packaged != flavor)
        {
            return $"{slotPath} was made for flavor {packaged}, not {flavor}";
        }

        run.Log.Write($"=> Package {slotPath}: {manifest.NameVersion} ({manifest.Origin}), {info.Length} bytes");
        return null;
    }
}

using System.Globalization;
using GoSynth.Builder.Events;
using GoSynth.Builder.Execution.Internal;
using GoSynth.Builder.Scheduling;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Graph;
using GoSynth.Pkg.Packages;
using GoSynth.Pkg.Ports;

namespace GoSynth.Builder.Execution;

public sealed partial class LocalSlotExecutor
{
    /// <summary>
    /// Builds <paramref name="request"/>'s port in its slot: prepares the slot, installs the dependency packages,
    /// runs the phases and checks the package. A failure, a watchdog kill or a cancellation is reported in the outcome.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The request names a slot that is not set up.</exception>
    /// <exception cref="InvalidOperationException">The slot is already building another port.</exception>
    public async ValueTask<PortBuildOutcome> BuildAsync(PortBuildRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var worker = Worker(request.Slot);
        var files = _files ?? throw new InvalidOperationException("No slots are set up; call InitializeAsync first.");
        if (!worker.TryEnter())
        {
            throw new InvalidOperationException($"Slot {worker.Slot.Name} is already building a port; a slot builds one port at a time.");
        }

        try
        {
            return await BuildInSlotAsync(request, worker, files, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            worker.Exit();
        }
    }

    private async Task<PortBuildOutcome> BuildInSlotAsync(PortBuildRequest request, SlotWorker worker, SlotFiles files, CancellationToken cancellationToken)
    {
        var node = request.Node;
        var logPath = Path.Combine(_options.LogsDirectory, node.Id.LogName + ".log");
        PortLog log;
        try
        {
            log = PortLog.Create(logPath, _executorOptions.MaxLogLineLength, _executorOptions.LogExcerptLines);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            worker.Dirty |= !worker.Fresh;
            return new PortBuildOutcome(false, "prepare", $"cannot write the port log {logPath}: {e.Message}");
        }

        using (log)
        {
            var run = new PortRun(request, worker, log, _time);
            string? failure;
            string? packageFile = null;
            TreeSnapshot? localBase = null;
            try
            {
                failure = CheckRequest(node, ToInstall(request));
                WriteHeader(run);
                if (failure is null)
                {
                    (failure, localBase) = await PrepareSlotAsync(run, files, cancellationToken).ConfigureAwait(false);
                }

                if (failure is null)
                {
                    failure = await RunPhasesAsync(run, cancellationToken).ConfigureAwait(false);
                    packageFile = failure is null && _executorOptions.Mode != Running.BuildRunMode.FetchOnly ? node.Metadata!.PackageFile : null;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                worker.Dirty = true;
                run.EndPhase();
                Internal.Log.PortCancelled(_logger, run.Port, run.Phase, worker.Slot.Name);
                return Finish(run, "cancelled", packageFile: null);
            }
#pragma warning disable CA1031 // Whatever goes wrong in one port's build is that port's outcome, not the run's.
            catch (Exception e)
#pragma warning restore CA1031
            {
                worker.Dirty = true;
                failure = e is SlotException or IOException or UnauthorizedAccessException or PackageFormatException
                    ? e.Message
                    : $"the executor failed: {e.GetType().Name}: {e.Message}";
            }
            finally
            {
                CheckLocalBase(run, localBase);
            }

            return Finish(run, failure, packageFile);
        }
    }

    /// <summary>What makes a request unbuildable before the slot is touched, or null.</summary>
    private static string? CheckRequest(PortNode node, IEnumerable<PortNode> install)
    {
        if (node.Metadata is null)
        {
            return $"{node.Id} has no metadata ({node.State}: {node.Error ?? node.Reason})";
        }

        if (!IsPlainFileName(node.Metadata.PackageFile))
        {
            return $"{node.Id}'s PKGFILE '{node.Metadata.PackageFile}' is not a file name";
        }

        foreach (var dependency in install)
        {
            if (dependency.Metadata is null || !IsPlainFileName(dependency.Metadata.PackageFile))
            {
                return $"dependency {dependency.Id} has no package file name ({dependency.State}: {dependency.Error ?? dependency.Reason})";
            }
        }

        return null;
    }

    private static bool IsPlainFileName(string name) =>
        name.Length > 0 && name != "." && name != ".." && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('\0', StringComparison.Ordinal);

    /// <summary>The closure's nodes that have a package to install: meta ports are not built and have none.</summary>
    private static IEnumerable<PortNode> Wanted(IEnumerable<PortNode> closure) =>
        closure.Where(n => n.State != PortNodeState.Meta && n.Metadata?.IsMeta != true);

    /// <summary>What the slot installs for <paramref name="request"/>: its closure's packages, none in a fetch-only run.</summary>
    private IEnumerable<PortNode> ToInstall(PortBuildRequest request) =>
        _executorOptions.Mode == Running.BuildRunMode.FetchOnly ? [] : Wanted(request.InstallClosure);

    private void WriteHeader(PortRun run)
    {
        var node = run.Request.Node;
        var log = run.Log;
        log.Write("GoSynth port build log");
        log.Write("Port:      " + run.Port);
        log.Write("Version:   " + (node.Metadata?.Version ?? "(unknown)"));
        log.Write("Package:   " + (node.Metadata?.PackageFile ?? "(unknown)"));
        log.Write($"Slot:      {run.Worker.Slot.Name} ({run.Worker.Slot.Root})");
        log.Write("Started:   " + _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
        log.Write("Profile:   " + _profile.Name);
        log.Write("Mode:      " + _executorOptions.Mode switch
        {
            Running.BuildRunMode.FetchOnly => "fetch-only (fetch and checksum; nothing is built)",
            Running.BuildRunMode.Test => "test (DEVELOPER=yes, test, check-plist, install and deinstall)",
            _ => "build",
        });
        var wanted = ToInstall(run.Request).ToList();
        log.Write($"Depends:   {wanted.Count} packages" + (wanted.Count == 0 ? string.Empty : ": " + string.Join(' ', wanted.Select(n => n.Metadata?.PackageFile ?? n.Id.ToString()))));
        log.Write("Environment:");
        foreach (var (name, value) in _environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            log.Write("  " + name + "=" + value);
        }
    }

    private PortBuildOutcome Finish(PortRun run, string? failure, string? packageFile)
    {
        run.EndPhase();
        var elapsed = run.Elapsed;
        var excerpt = failure is null ? null : run.Log.Excerpt();
        run.Log.Write(string.Empty);
        if (failure is null)
        {
            var made = packageFile ?? "distfiles fetched and verified";
            run.Log.Write($"=> SUCCESS {run.Port} ({made}) {PortLog.FormatDuration(elapsed)}");
            Internal.Log.PortSucceeded(_logger, run.Port, run.Worker.Slot.Name, made);
        }
        else
        {
            run.Log.Write($"=> FAILURE {run.Port} in {run.Phase}: {failure} {PortLog.FormatDuration(elapsed)}");
            if (failure != "cancelled")
            {
                Internal.Log.PortFailed(_logger, run.Port, run.Phase, run.Worker.Slot.Name, failure);
            }
        }

        return new PortBuildOutcome(failure is null, failure is null ? null : run.Phase, failure)
        {
            PackageFile = packageFile,
            LogFile = run.Log.Path,
            LogExcerpt = excerpt,
            Duration = elapsed,
            Phases = run.Phases,
            InstalledPackages = run.Installed,
            ReusedPackages = run.Reused,
        };
    }

    private void Publish(PortRun run, string phase) =>
        _events?.Publish(new PortPhaseEvent(_time.GetUtcNow(), run.Port, run.Request.Slot, phase));

    /// <summary>After the phases: a build that changed the slot's /usr/local leaves it to be reset before the next port.</summary>
    private void CheckLocalBase(PortRun run, TreeSnapshot? before)
    {
        if (before is null || run.Worker.Dirty)
        {
            return;
        }

        string? change;
        try
        {
            change = before.FirstDifference(TreeSnapshot.Take(run.Worker.Slot.MapToHost("/usr/local")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            change = "cannot be read: " + e.Message;
        }

        if (change is not null)
        {
            run.Worker.Dirty = true;
            Internal.Log.LocalBaseChanged(_logger, run.Port, run.Worker.Slot.Name, change);
        }
    }

    /// <summary>The failure of a finished command, or null when it succeeded.</summary>
    private static string? Failure(ProcessResult result, string program, TimeSpan? watchdog)
    {
        var text = result.Outcome switch
        {
            ProcessOutcome.Exited when result.ExitCode == 0 => null,
            ProcessOutcome.Exited => $"{program} exited with status {result.ExitCode}",
            ProcessOutcome.NoOutput => $"no output for {PortLog.FormatDuration(watchdog ?? TimeSpan.Zero)}: the watchdog killed {program}",
            ProcessOutcome.TimedOut => $"{program} timed out",
            _ => $"{program} was killed by signal {result.ExitCode - 128}",
        };
        if (text is not null && result.LimitsReached != ResourceLimits.None)
        {
            text += $" (the slot reached its limit: {result.LimitsReached})";
        }

        return text;
    }

    private static string DependencyList(IEnumerable<PortId> ports) => string.Join(", ", ports.Select(p => p.ToString()));
}

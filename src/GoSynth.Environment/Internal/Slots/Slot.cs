using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using Microsoft.Extensions.Logging;

namespace GoSynth.Environment.Internal.Slots;

/// <summary>One slot; the platform strategy decides how it mounts and contains processes.</summary>
internal sealed class Slot : ISlot
{
    private static readonly string[] s_resetTmpfs = ["/construction", "/usr/local"];
    private readonly SlotOptions _options;
    private readonly ISlotPlatform _platform;
    private readonly IProcessRunner _runner;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IReadOnlyList<MountSpec> _plan;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public Slot(int number, SlotOptions options, ISlotPlatform platform, IProcessRunner runner, ILogger logger, TimeProvider timeProvider)
    {
        Number = number;
        Name = SlotNaming.Name(number);
        _options = options;
        _platform = platform;
        _runner = runner;
        _logger = logger;
        _timeProvider = timeProvider;
        // The live mount table names real paths: a symlink in the build base must not hide our mounts from teardown.
        Root = Path.Combine(LibC.RealPath(options.BuildBase), Name);
        _plan = platform.Plan(options);
    }

    public int Number { get; }

    public string Name { get; }

    public string Root { get; }

    public SlotBackend Backend => _platform.Backend;

    public SlotState State { get; private set; } = SlotState.New;

    internal IReadOnlyList<MountSpec> Plan => _plan;

    public async Task SetupAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (State == SlotState.Ready)
            {
                return;
            }

            if (Directory.Exists(Root) || (await MountsUnderRootAsync(cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                Log.StaleSlotFound(_logger, Root);
                var stale = await TeardownCoreAsync(cancellationToken).ConfigureAwait(false);
                if (!stale.Complete)
                {
                    throw new SlotException($"slot {Root} is left over from an earlier run and cannot be cleaned: still mounted: {string.Join(", ", stale.RemainingMounts)}; free them and run 'gosynth cleanup'");
                }
            }
            else
            {
                // A slot of this name whose mounts are gone may still have processes (its cgroup, its own namespace):
                // they must not share the new slot's group or be taken for its processes.
                await KillAllAsync().ConfigureAwait(false);
            }

            Directory.CreateDirectory(Root);
            try
            {
                foreach (var mount in _plan)
                {
                    await _platform.MountAsync(Root, mount, cancellationToken).ConfigureAwait(false);
                    if (mount.Target == "/")
                    {
                        _platform.PrepareRoot(Root, _options);
                    }
                }

                if (_plan.Count == 0)
                {
                    _platform.PrepareRoot(Root, _options);
                }

                var template = _options.EffectiveTemplateDirectory;
                if (Directory.Exists(template))
                {
                    TreeCopier.CopyContents(template, Root);
                }

                State = SlotState.Ready;
                Log.SlotSetUp(_logger, Name, Root, _plan.Count);
            }
            catch (Exception e) when (e is SlotException or IOException or UnauthorizedAccessException)
            {
                var undo = await TeardownCoreAsync(CancellationToken.None).ConfigureAwait(false);
                var left = undo.Complete ? string.Empty : $"; still mounted: {string.Join(", ", undo.RemainingMounts)}";
                throw new SlotException($"cannot set up slot {Root}: {e.Message}{left}", e);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<ProcessResult> ExecuteAsync(SlotCommand command, IProcessOutputSink? output = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!command.WorkingDirectory.StartsWith('/'))
        {
            throw new ArgumentException($"the working directory '{command.WorkingDirectory}' must be an absolute path inside the slot", nameof(command));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureReady();
            var spec = _platform.Wrap(Root, command, _options, MapToHost);
            var before = _platform.LimitCounters(Root);
            var entry = _platform.Backend == SlotBackend.Linux ? new SandboxFailureSink(output) : null;
            ProcessResult result;
            try
            {
                result = _platform is BsdSlotPlatform bsd && _runner is ProcessRunner native
                    ? await native.RunAsync(spec, output, pid => bsd.OnStarted(Root, pid), cancellationToken).ConfigureAwait(false)
                    : await _runner.RunAsync(spec, (IProcessOutputSink?)entry ?? output, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // Whatever the command left behind (daemons, escaped sessions) dies with it, and is gone when this returns.
                await KillAllAsync().ConfigureAwait(false);
            }

            if (entry?.Failure is { } failure && result is { Outcome: ProcessOutcome.Exited, ExitCode: LinuxSandbox.SandboxFailure })
            {
                // The slot itself could not be entered: that is the slot's failure, not the command's exit status.
                throw new SlotException($"cannot run {command.FileName} in slot {Name} ({Root}): {failure}");
            }

            var limits = _platform.LimitsReachedSince(Root, before);
            if (limits != ResourceLimits.None)
            {
                Log.SlotLimitReached(_logger, Name, limits.ToString());
                result = result with { LimitsReached = limits };
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureReady();
            await _platform.KillProcessesAsync(Root, cancellationToken).ConfigureAwait(false);
            foreach (var target in s_resetTmpfs)
            {
                var mount = _plan.FirstOrDefault(m => m.Target == target && m.Kind == MountKind.Tmpfs);
                var host = MapToHost(target);
                if (mount is null)
                {
                    SafeTree.EmptyDirectory(host, await _platform.ListMountPointsAsync(cancellationToken).ConfigureAwait(false));
                    continue;
                }

                // A fresh tmpfs is instant whatever the old one held.
                var error = await _platform.UnmountAsync(host, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    throw new SlotException($"cannot reset slot {Name}: {error}; a process outside the slot may hold it");
                }

                await _platform.MountAsync(Root, mount, cancellationToken).ConfigureAwait(false);
            }

            var template = _options.EffectiveTemplateDirectory;
            var localTemplate = Path.Combine(template, "usr", "local");
            if (Directory.Exists(localTemplate))
            {
                TreeCopier.CopyContents(localTemplate, MapToHost("/usr/local"));
            }

            var pkgDb = MapToHost("/var/db/pkg");
            if (Directory.Exists(pkgDb))
            {
                // A host directory mounted under the package database (by anyone) is refused, never emptied.
                SafeTree.EmptyDirectory(pkgDb, await _platform.ListMountPointsAsync(cancellationToken).ConfigureAwait(false));
            }

            var pkgDbTemplate = Path.Combine(template, "var", "db", "pkg");
            if (Directory.Exists(pkgDbTemplate))
            {
                TreeCopier.CopyContents(pkgDbTemplate, pkgDb);
            }

            Log.SlotReset(_logger, Name);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<TeardownResult> TeardownAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await TeardownCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public string MapToHost(string slotPath)
    {
        ArgumentNullException.ThrowIfNull(slotPath);
        if (!slotPath.StartsWith('/'))
        {
            throw new ArgumentException($"'{slotPath}' is not an absolute path inside the slot", nameof(slotPath));
        }

        if (_platform.Backend == SlotBackend.Host)
        {
            foreach (var (inside, host) in HostSlotPlatform.SharedDirectories(_options))
            {
                if (slotPath == inside || slotPath.StartsWith(inside + "/", StringComparison.Ordinal))
                {
                    return host + slotPath[inside.Length..];
                }
            }
        }

        return slotPath == "/" ? Root : Root + slotPath;
    }

    public async ValueTask DisposeAsync()
    {
        if (State != SlotState.New)
        {
            await TeardownAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    internal async Task<TeardownResult> TeardownCoreAsync(CancellationToken cancellationToken)
    {
        // Not stopped half-way by a cancel (every wait below is bounded): a teardown interrupted between the kill and the
        // unmounts would leave exactly the half-torn-down slot it exists to prevent.
        cancellationToken = CancellationToken.None;

        // Nothing of the slot may run while its mounts go: kill its processes and wait (bounded) until they are gone.
        var allGone = await KillAllAsync().ConfigureAwait(false);

        // Unmount over the live table, deepest first (not the plan's order: a foreign mount may sit below one of ours),
        // and go round again while a pass freed something, so a parent that was busy only because of a child goes too.
        // A pass that frees nothing counts as a failed attempt: wait, kill again, retry.
        var failedPasses = 0;
        var passes = 0;
        IReadOnlyList<string> remaining;
        while (true)
        {
            var live = remaining = await MountsUnderRootAsync(cancellationToken).ConfigureAwait(false);
            if (live.Count == 0 || ++passes > live.Count + _options.UnmountAttempts + 8)
            {
                break;
            }

            var errors = new List<(string MountPoint, string Error)>();
            foreach (var mountPoint in live)
            {
                if (await _platform.UnmountAsync(mountPoint, cancellationToken).ConfigureAwait(false) is { } error)
                {
                    errors.Add((mountPoint, error));
                }
            }

            if (errors.Count < live.Count)
            {
                continue;
            }

            failedPasses++;
            foreach (var (mountPoint, error) in errors)
            {
                Log.UnmountFailed(_logger, mountPoint, failedPasses, error);
            }

            if (failedPasses >= _options.UnmountAttempts)
            {
                break;
            }

            await Task.Delay(_options.UnmountRetryDelay, _timeProvider, cancellationToken).ConfigureAwait(false);

            // Kill again (something may have entered since); a process that already outlived the bounded wait is not
            // waited for once more on every attempt.
            if (allGone)
            {
                allGone = await KillAllAsync().ConfigureAwait(false);
            }
        }

        // Detach only when nothing of the slot runs any more: a live process of the slot could still reshape the paths.
        if (remaining.Count > 0 && _platform.CanDetach && allGone)
        {
            // Still busy after every retry: something outside the slot holds a mount (a process of the host with a file
            // or directory open in it). Detach what is left, deepest first, saying who held it: the mounts leave the
            // table now and go when their last user does, and the next run starts from a clean slot instead of a
            // half-torn-down one. Deleting below stays safe: a detached mount is no longer reachable through the slot.
            foreach (var mountPoint in remaining)
            {
                // A parent that was busy only because of a child detached just before goes the ordinary way.
                if (await _platform.UnmountAsync(mountPoint, CancellationToken.None).ConfigureAwait(false) is null)
                {
                    continue;
                }

                var holders = _platform.Holders(mountPoint);
                if (await _platform.DetachAsync(mountPoint, CancellationToken.None).ConfigureAwait(false) is { } error)
                {
                    Log.UnmountFailed(_logger, mountPoint, failedPasses + 1, error);
                }
                else
                {
                    Log.MountDetached(_logger, mountPoint, failedPasses, holders.Count == 0 ? "unknown (no process of this mount namespace)" : string.Join("; ", holders));
                }
            }

            remaining = await MountsUnderRootAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // Trust only the live table (read last above): delete nothing while anything is mounted at or under the slot.
        if (remaining.Count > 0)
        {
            State = SlotState.TeardownIncomplete;
            Log.SlotTeardownIncomplete(_logger, Name, string.Join(", ", remaining));
            return new TeardownResult(Root, remaining, DirectoryRemoved: false);
        }

        if (new FileInfo(Root).LinkTarget is not null)
        {
            // The slot's name is a symbolic link (not GoSynth's doing): remove the link, never what it points to.
            File.Delete(Root);
        }
        else if (Directory.Exists(Root))
        {
            await _platform.RemoveTreeAsync(Root, cancellationToken).ConfigureAwait(false);
        }

        await _platform.ReleaseAsync(Root, _timeProvider).ConfigureAwait(false);

        State = SlotState.TornDown;
        Log.SlotTornDown(_logger, Name);
        return new TeardownResult(Root, [], DirectoryRemoved: !Directory.Exists(Root));
    }

    /// <summary>Kills every process of the slot and waits (bounded) for them to be gone; says which outlived the wait.</summary>
    private async Task<bool> KillAllAsync()
    {
        // Not cancellable: a teardown that stopped between the kill and the unmounts would leave exactly the
        // half-torn-down slot it exists to prevent. The wait is bounded.
        if (!await _platform.KillProcessesAsync(Root, CancellationToken.None).ConfigureAwait(false))
        {
            Log.SlotProcessesSurvived(_logger, Name, string.Join(", ", _platform.Survivors(Root)));
            return false;
        }

        return true;
    }

    private async Task<IReadOnlyList<string>> MountsUnderRootAsync(CancellationToken cancellationToken) =>
        MountInfo.Under(await _platform.ListMountPointsAsync(cancellationToken).ConfigureAwait(false), Root);

    private void EnsureReady()
    {
        if (State != SlotState.Ready)
        {
            throw new InvalidOperationException($"slot {Name} is {State}; call SetupAsync first");
        }
    }
}

using System.Collections.Immutable;
using GoSynth.Builder.Configuration;
using GoSynth.Builder.Configuration.Internal;
using GoSynth.Builder.Events;
using GoSynth.Builder.Execution.Internal;
using GoSynth.Builder.Scheduling;
using GoSynth.Environment;
using GoSynth.Environment.Files;
using GoSynth.Environment.Processes;
using GoSynth.Environment.Slots;
using GoSynth.Pkg.Profiles;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GoSynth.Builder.Execution;

/// <summary>
/// The local slot pool: builds each port in one of N isolated slots on this machine (<see cref="SlotEnvironment"/>).
/// <see cref="InitializeAsync"/> cleans slots a killed run left, creates the template when it is missing and sets
/// the slots up; <see cref="BuildAsync"/> prepares the request's slot (reset, or reuse of the dependency packages
/// it already holds), installs the dependency closure, runs dsynth's phases with dsynth's make arguments and
/// environment under a no-output watchdog, checks the package, and writes the port's log;
/// <see cref="DisposeAsync"/> tears the slots down. Slot numbers in requests are 0-based (slot 0 is <c>SL01</c>).
/// </summary>
/// <remarks>
/// Calls for different slots may run at the same time; a slot builds one port at a time. A failure, a watchdog kill
/// or a cancellation is an outcome, never an exception.
/// </remarks>
public sealed partial class LocalSlotExecutor : IPortBuildExecutor, ISlotAffinity, IAsyncDisposable
{
    private readonly BuilderOptions _options;
    private readonly SlotEnvironment _slots;
    private readonly IBuildEventSink? _events;
    private readonly ILogger _logger;
    private readonly LocalSlotExecutorOptions _executorOptions;
    private readonly TimeProvider _time;
    private readonly TargetProfile _profile;
    private readonly string _makeProgram;
    private readonly ImmutableDictionary<string, TimeSpan> _watchdog;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private ImmutableArray<SlotWorker> _workers = [];
    private ImmutableDictionary<string, string> _environment = ImmutableDictionary<string, string>.Empty;
    private SlotFiles? _files;
    private bool _disposed;

    /// <summary>Creates the executor; nothing is set up until <see cref="InitializeAsync"/>.</summary>
    /// <param name="options">The builder's configuration: logs directory, make.conf lines, jobs per builder, check-plist, target.</param>
    /// <param name="slots">The slot environment (build base, mounts, backend) the slots are created from.</param>
    /// <param name="events">Receives a <see cref="PortPhaseEvent"/> as each phase starts; null for none.</param>
    /// <param name="logger">The executor's log; null for none.</param>
    /// <param name="executorOptions">Reuse, slot count, watchdog limits, make program; null for defaults.</param>
    /// <param name="timeProvider">The clock for events, logs and durations; null for the system clock.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public LocalSlotExecutor(
        BuilderOptions options,
        SlotEnvironment slots,
        IBuildEventSink? events = null,
        ILogger<LocalSlotExecutor>? logger = null,
        LocalSlotExecutorOptions? executorOptions = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(slots);
        _options = options;
        _slots = slots;
        _events = events;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _executorOptions = executorOptions ?? new LocalSlotExecutorOptions();
        _executorOptions.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _profile = _executorOptions.Profile ?? LowerOptionsSetup.ProfileOf(options) ?? TargetProfile.Native;
        _makeProgram = string.IsNullOrWhiteSpace(_executorOptions.MakeProgram) ? TargetProfile.DefaultMakeProgram : _executorOptions.MakeProgram;
        _watchdog = _executorOptions.Watchdog.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// Creates an executor without DI: its slot environment follows <paramref name="options"/> (build base, ports,
    /// distfiles, packages, options and ccache directories, system directory, slot backend), as
    /// <c>AddGoSynthBuilder</c> configures GoSynth.Environment.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="SlotException">The backend needs root and the process is not root.</exception>
    public static LocalSlotExecutor Create(
        BuilderOptions options,
        IBuildEventSink? events = null,
        ILoggerFactory? loggerFactory = null,
        IProcessRunner? runner = null,
        LocalSlotExecutorOptions? executorOptions = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = new EnvironmentOptions();
        new LowerOptionsSetup(Options.Create(options)).Configure(environment);
        var slots = SlotEnvironment.Create(environment.Slots, runner, loggerFactory, timeProvider);
        return new LocalSlotExecutor(options, slots, events, loggerFactory?.CreateLogger<LocalSlotExecutor>(), executorOptions, timeProvider);
    }

    /// <summary>How many slots are set up (0 before <see cref="InitializeAsync"/> and after disposal).</summary>
    public int SlotCount => _workers.Length;

    /// <summary>The make.conf written into every slot (<c>/etc/make.conf</c>); empty before <see cref="InitializeAsync"/>.</summary>
    public string MakeConf => _files?.MakeConfText ?? string.Empty;

    /// <summary>The environment of every make phase (the flavor is an argument, not part of it); empty before <see cref="InitializeAsync"/>.</summary>
    public IReadOnlyDictionary<string, string> MakeEnvironment => _environment;

    /// <summary>The slot behind slot index <paramref name="slot"/> (0-based), e.g. to map a path inside it to the host.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No such slot is set up.</exception>
    public ISlot GetSlot(int slot) => Worker(slot).Slot;

    /// <summary>
    /// Cleans slots a killed run left under the build base, recreates the slot template from the system (as
    /// dsynth does at every run), and sets up the slots (<see cref="LocalSlotExecutorOptions.SlotCount"/>, else the builder's
    /// <c>EffectiveMaxBuilders</c>). Calling it again does nothing.
    /// </summary>
    /// <exception cref="SlotException">
    /// The slot environment uses the host backend (no isolation: commands would run on the host), or a slot cannot be
    /// set up (those already set up were torn down again).
    /// </exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_workers.IsDefaultOrEmpty)
            {
                return;
            }

            if (_slots.Backend == SlotBackend.Host)
            {
                throw new SlotException(
                    "the local slot executor needs an isolating slot backend: the host backend runs commands on the host itself, where the slot's " +
                    "/xports, /construction and /packages do not exist. Run as root with Slot_backend auto or linux (bsd on FreeBSD/DragonFly).");
            }

            var stale = await _slots.CleanupStaleSlotsAsync(cancellationToken).ConfigureAwait(false);
            if (stale.Count > 0)
            {
                Log.StaleSlotsCleaned(_logger, stale.Count);
                if (stale.FirstOrDefault(r => !r.Complete) is { } left)
                {
                    throw new SlotException($"slot {left.Root} is left over from an earlier run and cannot be cleaned: still mounted: {string.Join(", ", left.RemainingMounts)}; free them and run 'gosynth cleanup'");
                }
            }

            var slotOptions = _slots.Options;
            var template = slotOptions.EffectiveTemplateDirectory;
            // Made afresh for every run, as dsynth does: the system's files (users, the linker cache, Debian's
            // alternatives) may have changed since the last one, and a slot must see them as they are now.
            SlotTemplate.Create(template, slotOptions.SystemRoot, _slots.Backend);
            Log.TemplateCreated(_logger, template);

            _files = new SlotFiles(_options, _profile, _executorOptions.WorkDirectory ?? PrivateDirectory.DefaultRoot());
            _environment = BuildEnvironment(_options, _profile, _files.HasStubs);
            if (_executorOptions.Mode == Running.BuildRunMode.Test)
            {
                // dsynth's test mode is its developer mode: the framework's extra checks are on.
                _environment = _environment.SetItem("DEVELOPER", "yes");
            }

            Directory.CreateDirectory(_options.LogsDirectory);
            var count = _executorOptions.SlotCount ?? _options.EffectiveMaxBuilders;
            var slots = await _slots.SetupSlotsAsync(count, cancellationToken).ConfigureAwait(false);
            _workers = [.. slots.Select(s => new SlotWorker(s))];
            Log.SlotsReady(_logger, count, slotOptions.BuildBase, _slots.Backend.ToString());
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// How many of <paramref name="request"/>'s dependency packages slot <paramref name="slot"/> (0-based) already
    /// holds and would keep: 0 when the slot would be reset first (it holds a package the port did not ask for,
    /// reuse is off, or it is not set up). A scheduler can prefer, for a free slot, the ready port that saves most installs.
    /// </summary>
    public int CountHeld(int slot, PortBuildRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var workers = _workers;
        if (!_executorOptions.ReuseDependencies || slot < 0 || slot >= workers.Length)
        {
            return 0;
        }

        var worker = workers[slot];
        lock (worker)
        {
            if (worker.Dirty || worker.Held.Count == 0 || _executorOptions.Mode == Running.BuildRunMode.FetchOnly)
            {
                return 0;
            }

            var wanted = Wanted(request.InstallClosure).Select(n => n.Id).ToHashSet();
            return worker.Held.All(h => wanted.Contains(h.Port)) ? worker.Held.Count : 0;
        }
    }

    /// <summary>The dependency packages slot <paramref name="slot"/> (0-based) holds now, as <c>origin@flavor</c>, in install order.</summary>
    public IReadOnlyList<string> GetHeldPackages(int slot)
    {
        var worker = Worker(slot);
        lock (worker)
        {
            return [.. worker.Held.Select(h => h.Port.ToString())];
        }
    }

    /// <summary>Tears every slot down (killing what runs in it) and reports what could not be unmounted. Idempotent.</summary>
    public async Task<IReadOnlyList<TeardownResult>> TeardownAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<TeardownResult>();
            foreach (var worker in _workers)
            {
                var result = await worker.Slot.TeardownAsync(cancellationToken).ConfigureAwait(false);
                if (!result.Complete && result.RemainingMounts.Count > 0)
                {
                    Log.SlotTeardownIncomplete(_logger, worker.Slot.Name, string.Join(", ", result.RemainingMounts));
                }

                results.Add(result);
            }

            _workers = [];
            return results;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Tears the slots down (see <see cref="TeardownAsync"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await TeardownAsync(CancellationToken.None).ConfigureAwait(false);
        _disposed = true;
        _lifecycle.Dispose();
    }

    private SlotWorker Worker(int slot)
    {
        var workers = _workers;
        if (slot < 0 || slot >= workers.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), slot, workers.IsEmpty
                ? "No slots are set up; call InitializeAsync first."
                : $"Slot indexes are 0 to {workers.Length - 1}.");
        }

        return workers[slot];
    }

    /// <summary>
    /// The environment of every make phase: dsynth's worker environment, the target profile's variables, the slot's
    /// directories as dsynth's make.conf names them, the stubs and make.conf, and the jobs per builder.
    /// </summary>
    internal static ImmutableDictionary<string, string> BuildEnvironment(BuilderOptions options, TargetProfile profile, bool stubs)
    {
        var environment = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        environment["TERM"] = "dumb";
        environment["USER"] = "root";
        environment["HOME"] = "/root";
        environment["LANG"] = "C";
        environment["SSL_NO_VERIFY_PEER"] = "1";
        environment["PATH"] = "/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin";
        foreach (var (name, value) in profile.Variables)
        {
            environment[name] = value;
        }

        environment["PORTSDIR"] = "/xports";
        environment["WRKDIRPREFIX"] = "/construction";
        environment["DISTDIR"] = "/distfiles";
        environment["PACKAGES"] = "/packages";
        environment["PORT_DBDIR"] = "/options";
        environment["LOCALBASE"] = "/usr/local";
        environment["PREFIX"] = "/usr/local";
        if (stubs)
        {
            environment["MAKESYSPATH"] = SlotFiles.MakeSysPath;
        }

        environment["__MAKE_CONF"] = SlotFiles.MakeConfPath;
        environment["BATCH"] = "yes";
        environment["PACKAGE_BUILDING"] = "yes";
        environment["PACKAGE_BUILDING_FLAVORS"] = "yes";
        environment["MAKE_JOBS_NUMBER"] = options.MaxJobsPerBuilder.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return environment.ToImmutable();
    }
}

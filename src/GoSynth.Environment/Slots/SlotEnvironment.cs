using GoSynth.Environment.Internal;
using GoSynth.Environment.Internal.Slots;
using GoSynth.Environment.Processes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Environment.Slots;

/// <summary>
/// Creates the build slots of one <see cref="SlotOptions.BuildBase"/> and cleans up slots a killed run left behind.
/// Use <see cref="Create"/> without DI, or resolve it after <c>AddGoSynthEnvironment</c>.
/// </summary>
public sealed class SlotEnvironment
{
    private readonly SlotOptions _options;
    private readonly IProcessRunner _runner;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly ISlotPlatform _platform;

    private SlotEnvironment(SlotOptions options, IProcessRunner runner, ILoggerFactory loggerFactory, TimeProvider timeProvider, ISlotPlatform platform)
    {
        _options = options;
        _runner = runner;
        _loggerFactory = loggerFactory;
        _timeProvider = timeProvider;
        _platform = platform;
    }

    /// <summary>The backend in effect (never <see cref="SlotBackend.Auto"/>).</summary>
    public SlotBackend Backend => _platform.Backend;

    /// <summary>The options in effect (a copy; changing it has no effect).</summary>
    public SlotOptions Options => _options.Clone();

    /// <summary>Creates an environment for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    /// <exception cref="SlotException">The backend needs root (Linux, BSD) and the process is not root.</exception>
    public static SlotEnvironment Create(SlotOptions options, IProcessRunner? runner = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        options.Validate();
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        var time = timeProvider ?? TimeProvider.System;
        runner ??= new ProcessRunner(logs.CreateLogger<ProcessRunner>(), time);
        var backend = options.Backend == SlotBackend.Auto ? ChooseBackend() : options.Backend;
        ISlotPlatform platform = backend switch
        {
            SlotBackend.Linux => new LinuxSlotPlatform(logs.CreateLogger<SlotEnvironment>()),
            SlotBackend.FreeBsd or SlotBackend.DragonFly => new BsdSlotPlatform(runner, backend),
            _ => new HostSlotPlatform(),
        };
        return new SlotEnvironment(options, runner, logs, time, platform);
    }

    /// <summary>
    /// Creates an environment whose BSD backend runs its mount commands through <paramref name="runner"/>: with a
    /// recording runner this shows, on any host, exactly what a FreeBSD/DragonFly run would execute.
    /// </summary>
    internal static SlotEnvironment CreateWithPlatform(SlotOptions options, IProcessRunner runner, ISlotPlatform platform, TimeProvider? timeProvider = null) =>
        new(options.Clone(), runner, NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System, platform);

    /// <summary>Creates slot number <paramref name="number"/> (1-based, <c>SL01</c> …); nothing is mounted until <see cref="ISlot.SetupAsync"/>.</summary>
    public ISlot CreateSlot(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return new Slot(number, _options, _platform, _runner, _loggerFactory.CreateLogger("GoSynth.Environment.Slots." + SlotNaming.Name(number)), _timeProvider);
    }

    /// <summary>Creates and sets up slots 1 … <paramref name="count"/>; on a failure the ones already set up are torn down again.</summary>
    public async Task<IReadOnlyList<ISlot>> SetupSlotsAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var slots = new List<ISlot>(count);
        try
        {
            for (var i = 1; i <= count; i++)
            {
                var slot = CreateSlot(i);
                slots.Add(slot);
                await slot.SetupAsync(cancellationToken).ConfigureAwait(false);
            }

            return slots;
        }
        catch
        {
            foreach (var slot in slots)
            {
                await slot.TeardownAsync(CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Slot directories (<c>SLnn</c>) present under the build base, and slot mounts whose directory is gone.</summary>
    public async Task<IReadOnlyList<string>> FindStaleSlotsAsync(CancellationToken cancellationToken = default)
    {
        var buildBase = Path.TrimEndingDirectorySeparator(LibC.RealPath(_options.BuildBase));
        var found = new SortedSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(buildBase))
        {
            foreach (var dir in Directory.EnumerateDirectories(buildBase))
            {
                if (SlotNaming.IsSlotName(Path.GetFileName(dir)))
                {
                    found.Add(dir);
                }
            }
        }

        foreach (var mount in MountInfo.Under(await _platform.ListMountPointsAsync(cancellationToken).ConfigureAwait(false), buildBase))
        {
            var rest = mount.Length > buildBase.Length ? mount[(buildBase.Length + 1)..] : string.Empty;
            var first = rest.Split('/')[0];
            if (SlotNaming.IsSlotName(first))
            {
                found.Add(Path.Combine(buildBase, first));
            }
        }

        return [.. found];
    }

    /// <summary>
    /// Tears down every stale slot of this build base (what <c>gosynth cleanup</c> runs): kills their processes,
    /// unmounts, and removes a directory only when nothing is left mounted under it.
    /// </summary>
    public async Task<IReadOnlyList<TeardownResult>> CleanupStaleSlotsAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<TeardownResult>();
        foreach (var dir in await FindStaleSlotsAsync(cancellationToken).ConfigureAwait(false))
        {
            var number = int.Parse(Path.GetFileName(dir)[2..], System.Globalization.CultureInfo.InvariantCulture);
            var slot = (Slot)CreateSlot(number);
            Log.StaleSlotFound(_loggerFactory.CreateLogger<SlotEnvironment>(), dir);
            results.Add(await slot.TeardownCoreAsync(cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    private static SlotBackend ChooseBackend()
    {
        if (OperatingSystem.IsLinux())
        {
            return LibC.IsRoot ? SlotBackend.Linux : SlotBackend.Host;
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return LibC.IsRoot ? SlotBackend.FreeBsd : SlotBackend.Host;
        }

        return System.Runtime.InteropServices.RuntimeInformation.OSDescription.Contains("DragonFly", StringComparison.OrdinalIgnoreCase) && LibC.IsRoot
            ? SlotBackend.DragonFly
            : SlotBackend.Host;
    }
}

using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using GoSynth.Environment.Processes;
using GoSynth.Pkg.Fingerprints;
using GoSynth.Pkg.Ports;
using GoSynth.Pkg.Scanning.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoSynth.Pkg.Scanning;

/// <summary>
/// Scans a ports tree: runs dsynth's 17-variable <c>make -V</c> query (plus <c>FLAVOR</c> and <c>PKG_ORIGIN</c>) once
/// per node, for the requested ports and everything they depend on (the transitive closure), with the tree's pkg port
/// always included. Queries run in parallel (<see cref="PkgOptions.ScanParallelism"/>), results stream out as nodes
/// complete, and with a <see cref="PkgOptions.CacheDirectory"/> a re-scan of an unchanged tree runs no make at all.
/// </summary>
/// <remarks>
/// <para>
/// Node identity follows <see cref="PortId"/>: a flavored port asked for without a flavor is its default flavor (the
/// port's <c>FLAVOR</c> when none is given), <c>@all</c> is every flavor, and every dependency in the results names its
/// node with the flavor made explicit. Every node of one port reports the same FLAVORS, the default first.
/// </para>
/// <para>
/// The pkg port is <see cref="PkgOptions.BootstrapOrigin"/> when set, else the tree's <c>PKG_ORIGIN</c> (every answer
/// carries it), else <c>ports-mgmt/pkg</c> when the tree has it (with a note); a tree with none has no pkg port. A
/// requested port or a dependency that does not exist is followed through the tree's <c>MOVED</c> file: to where it
/// moved (a note says so, for a dependency with the ports that need it) or to its removal (a
/// <see cref="PortQueryStatus.Removed"/> result with the date and the reason, which its dependents report).
/// </para>
/// <para>
/// Each make call gets an explicit environment: <c>PATH</c>, <c>PORTSDIR</c>, <c>BATCH</c>, <c>PACKAGE_BUILDING</c> and
/// <c>PACKAGE_BUILDING_FLAVORS</c> (all <c>yes</c>, as package builders set them), <c>__MAKE_CONF</c> (the profile's make.conf or
/// <c>/dev/null</c>),
/// the target profile's variables (and <c>MAKESYSPATH</c>), and the framework's cacheable variables
/// (<c>PORTS_ENV_VARS</c>), computed once per scan. With the cache on, each query also asks for
/// <c>.MAKE.MAKEFILES</c>, last, so that an answer is invalidated when another port directory or tree file
/// it read (a slave port's master, a shared include) changes.
/// </para>
/// </remarks>
public sealed class PortScanner
{
    /// <summary>The package manager's conventional port, the pkg port of a tree whose framework sets no <c>PKG_ORIGIN</c>.</summary>
    public const string PkgOrigin = "ports-mgmt/pkg";

    /// <summary>
    /// What each metadata query asks, in the order of its answer lines (<see cref="PortQueryResult.MakeAnswers"/>):
    /// dsynth's 17 variables, then <c>FLAVOR</c> and <c>PKG_ORIGIN</c>.
    /// </summary>
    public static ImmutableArray<string> QueryVariables => MakeInvoker.QueryVariables;

    private readonly PkgOptions _options;
    private readonly MakeInvoker _invoker;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a scanner.</summary>
    /// <param name="options">Where the tree is and how to evaluate it; validated here.</param>
    /// <param name="processRunner">Runs make.</param>
    /// <param name="logger">Where the scan logs; null for none.</param>
    /// <param name="timeProvider">The clock for the scan's duration; null for the system clock.</param>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public PortScanner(PkgOptions options, IProcessRunner processRunner, ILogger<PortScanner>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(processRunner);
        options.Validate();
        if (options.BootstrapOrigin is { } bootstrap && (!PortId.TryParse(bootstrap, out var id) || id.Value.Flavor is not null))
        {
            throw new ArgumentException($"PkgOptions.BootstrapOrigin '{bootstrap}' is not an origin 'category/port'.", nameof(options));
        }

        _options = options;
        _invoker = new MakeInvoker(processRunner);
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The ports tree this scanner reads (absolute, without a trailing slash).</summary>
    public string PortsDirectory => NormalizePortsDirectory(_options.PortsDirectory);

    /// <summary>Parses a user's port spec against this scanner's tree.</summary>
    /// <exception cref="PortSpecException">The spec breaks a rule.</exception>
    public PortSpec ParseSpec(string input) => PortSpec.Parse(input, PortsDirectory);

    /// <summary>
    /// Scans the closure of <paramref name="request"/>, handing out one result per node as soon as the node and the
    /// FLAVORS of its dependencies are known. Not found and corrupt nodes are results, not exceptions.
    /// </summary>
    /// <param name="request">The ports to start from, or <see cref="ScanRequest.Everything"/>.</param>
    /// <param name="progress">Receives counts after every finished query; null for none.</param>
    /// <param name="cancellationToken">Stops the scan and kills running make processes.</param>
    /// <exception cref="DirectoryNotFoundException">The ports tree does not exist.</exception>
    /// <exception cref="ProcessStartException">The make program cannot be started.</exception>
    public async IAsyncEnumerable<PortQueryResult> ScanAsync(
        ScanRequest request,
        IProgress<ScanProgress>? progress = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await StartAsync(request, progress, cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var result in session.Coordinator.RunAsync(session.Requests, cancellationToken).ConfigureAwait(false))
            {
                if (result.Status != PortQueryStatus.Found)
                {
                    Log.PortQueryFailed(_logger, result.Id.ToString(), result.Status.ToString(), result.Error ?? "");
                }

                yield return result;
            }

            Finish(session);
        }
        finally
        {
            await CloseAsync(session).ConfigureAwait(false);
        }
    }

    /// <summary>Scans the closure of <paramref name="request"/> and returns every node, ordered by id, with the requested roots.</summary>
    /// <inheritdoc cref="ScanAsync(ScanRequest, IProgress{ScanProgress}?, CancellationToken)"/>
    public async Task<PortScanResult> ScanToListAsync(
        ScanRequest request,
        IProgress<ScanProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = await StartAsync(request, progress, cancellationToken).ConfigureAwait(false);
        var results = new List<PortQueryResult>();
        try
        {
            await foreach (var result in session.Coordinator.RunAsync(session.Requests, cancellationToken).ConfigureAwait(false))
            {
                if (result.Status != PortQueryStatus.Found)
                {
                    Log.PortQueryFailed(_logger, result.Id.ToString(), result.Status.ToString(), result.Error ?? "");
                }

                results.Add(result);
            }

            Finish(session);
        }
        finally
        {
            await CloseAsync(session).ConfigureAwait(false);
        }

        results.Sort((a, b) => a.Id.CompareTo(b.Id));
        var roots = session.Coordinator.Roots.ToList();
        roots.Sort();
        var c = session.Coordinator;
        return new PortScanResult([.. results], [.. roots], c.Queried, c.Cached, c.BootstrapOrigin, [.. c.Notes])
        {
            PortFingerprints = session.Cache is { } cache ? PortFingerprints(cache, results) : ImmutableDictionary<string, uint>.Empty,
        };
    }

    /// <summary>The port directories' fingerprints the cache took during the scan, by origin.</summary>
    private IReadOnlyDictionary<string, uint> PortFingerprints(MetadataCache cache, List<PortQueryResult> results)
    {
        var fingerprints = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var origin = result.Id.Origin;
            if (!fingerprints.ContainsKey(origin) && cache.ScanStamp(cache.PortsDirectory + "/" + origin) is { } stamp)
            {
                fingerprints[origin] = stamp.Fingerprint;
            }
        }

        return fingerprints;
    }

    private async Task<ScanSession> StartAsync(ScanRequest request, IProgress<ScanProgress>? progress, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var portsDirectory = PortsDirectory;
        if (!Directory.Exists(portsDirectory))
        {
            throw new DirectoryNotFoundException($"The ports tree '{portsDirectory}' does not exist; point the ports directory option at a ports tree.");
        }

        // BuildAsync returns at its first wait, with the framework probe's make already running: the tree walk
        // of an `everything` scan happens meanwhile, so the first port queries can start as soon as the probe ends.
        var builder = new ScanContextBuilder(_options, _invoker, _logger, request.IsEverything ? null : [.. request.Ports.Select(p => p.Origin)]);
        var building = builder.BuildAsync(portsDirectory, cancellationToken);
        var requests = new List<(string Origin, string? Flavor, bool Root)>();
        var moved = MovedPorts.Empty;
        try
        {
            if (request.IsEverything)
            {
                requests.AddRange(PortsTree.EnumerateOrigins(portsDirectory).Select(o => (o, (string?)PortSpec.AllFlavors, true)));
            }
            else
            {
                requests.AddRange(request.Ports.Select(p => (p.Origin, p.Flavor, true)));
            }

            moved = MovedPorts.Load(portsDirectory);
        }
        catch
        {
            // Do not leave the probe running unobserved; the walk's exception is the one to report.
            await building.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        var (context, cache) = await building.ConfigureAwait(false);

        var parallelism = _options.ResolveParallelism();
        Log.ScanStarted(_logger, request.IsEverything ? requests.Count : request.Ports.Length, portsDirectory, context.Profile.Name, context.MakeProgram, parallelism);
        var source = new QuerySource(context, _invoker, cache);
        var coordinator = new ScanCoordinator(source.QueryAsync, portsDirectory, parallelism, progress, _options.BootstrapOrigin);
        coordinator.UseMoved(moved);
        if (moved.Count > 0 && !request.IsEverything)
        {
            requests = FollowMoved(requests, moved, coordinator, portsDirectory);
        }

        return new ScanSession(coordinator, requests, cache, started, coordinator.Notes.Count, context);
    }

    /// <summary>Replaces each requested port that is gone from the tree by where MOVED says it went, or by its removal.</summary>
    private List<(string Origin, string? Flavor, bool Root)> FollowMoved(
        List<(string Origin, string? Flavor, bool Root)> requests, MovedPorts moved, ScanCoordinator coordinator, string portsDirectory)
    {
        var followed = new List<(string Origin, string? Flavor, bool Root)>(requests.Count);
        foreach (var (origin, flavor, root) in requests)
        {
            var resolution = moved.Resolve(origin, flavor, o => File.Exists(Path.Combine(portsDirectory, o, "Makefile")));
            foreach (var note in resolution.Notes)
            {
                Log.PortMoved(_logger, note);
                coordinator.AddNote(note);
            }

            if (resolution.Final is { } final)
            {
                coordinator.AddFinal(final, root);
            }
            else
            {
                followed.Add((resolution.Origin, resolution.Flavor, root));
            }
        }

        return followed;
    }

    private void Finish(ScanSession session)
    {
        session.Cache?.Save();
        var c = session.Coordinator;
        foreach (var note in c.Notes.Skip(session.NotesBefore))
        {
            Log.ScanNote(_logger, note);
        }

        Log.ScanFinished(_logger, c.Progress.Found + c.Failed, c.Queried, c.Cached, c.Failed, (long)_timeProvider.GetElapsedTime(session.Started).TotalMilliseconds);
    }

    /// <summary>Ends the target's view of the scan, if it had one.</summary>
    private static async ValueTask CloseAsync(ScanSession session)
    {
        if (session.Context.View is { } view)
        {
            await view.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string NormalizePortsDirectory(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private sealed record ScanSession(ScanCoordinator Coordinator, List<(string Origin, string? Flavor, bool Root)> Requests, MetadataCache? Cache, long Started, int NotesBefore, ScanContext Context);
}

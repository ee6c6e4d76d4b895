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
/// Scans a ports tree: runs dsynth's 17-variable <c>make -V</c> query once per node, for the requested ports and
/// everything they depend on (the transitive closure), with <c>ports-mgmt/pkg</c> always included. Queries run in
/// parallel (<see cref="PkgOptions.ScanParallelism"/>), results stream out as nodes complete, and with a
/// <see cref="PkgOptions.CacheDirectory"/> a re-scan of an unchanged tree runs no make at all.
/// </summary>
/// <remarks>
/// Node identity follows <see cref="PortId"/>: a flavored port asked for without a flavor is its default (first)
/// flavor, <c>@all</c> is every flavor, and every dependency in the results names its node with the flavor made
/// explicit. Each make call gets an explicit environment: <c>PATH</c>, <c>PORTSDIR</c>, <c>BATCH</c>, <c>PACKAGE_BUILDING</c> and
/// <c>PACKAGE_BUILDING_FLAVORS</c> (all <c>yes</c>, as package builders set them), <c>__MAKE_CONF</c> (the profile's make.conf or
/// <c>/dev/null</c>),
/// the target profile's variables (and <c>MAKESYSPATH</c>), and the framework's cacheable variables
/// (<c>PORTS_ENV_VARS</c>), computed once per scan. With the cache on, each query also asks for
/// <c>.MAKE.MAKEFILES</c>, after the 17, so that an answer is invalidated when another port directory or tree file
/// it read (a slave port's master, a shared include) changes.
/// </remarks>
public sealed class PortScanner
{
    /// <summary>The package manager's port, always part of a scan (it is built first).</summary>
    public const string PkgOrigin = "ports-mgmt/pkg";

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
        return new PortScanResult([.. results], [.. roots], session.Coordinator.Queried, session.Coordinator.Cached);
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
        var builder = new ScanContextBuilder(_options, _invoker, _logger);
        var building = builder.BuildAsync(portsDirectory, cancellationToken);
        var requests = new List<(string Origin, string? Flavor, bool Root)>();
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
        }
        catch
        {
            // Do not leave the probe running unobserved; the walk's exception is the one to report.
            await building.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        var (context, cache) = await building.ConfigureAwait(false);

        requests.Add((PkgOrigin, null, false));
        var parallelism = _options.ResolveParallelism();
        Log.ScanStarted(_logger, request.IsEverything ? requests.Count - 1 : request.Ports.Length, portsDirectory, context.Profile.Name, context.MakeProgram, parallelism);
        var source = new QuerySource(context, _invoker, cache);
        var coordinator = new ScanCoordinator(source.QueryAsync, portsDirectory, parallelism, progress);
        return new ScanSession(coordinator, requests, cache, started, context);
    }

    private void Finish(ScanSession session)
    {
        session.Cache?.Save();
        var c = session.Coordinator;
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

    private sealed record ScanSession(ScanCoordinator Coordinator, List<(string Origin, string? Flavor, bool Root)> Requests, MetadataCache? Cache, long Started, ScanContext Context);
}

using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using GoSynth.Pkg.Ports;

namespace GoSynth.Pkg.Scanning.Internal;

/// <summary>
/// Computes the transitive closure of the requested ports. One coordinator (the enumerating caller) owns all
/// state; a bounded pool of workers runs the queries. Jobs go out on a bounded channel that the coordinator only
/// fills with <c>TryWrite</c> (the rest wait in its own queue), completions come back on an unbounded channel
/// that only holds what is in flight, so neither side can block the other at any tree size.
/// </summary>
internal sealed partial class ScanCoordinator
{
    private readonly Func<QueryKey, CancellationToken, ValueTask<QueryCompletion>> _query;
    private readonly string _portsDirectory;
    private readonly int _parallelism;
    private readonly IProgress<ScanProgress>? _progress;
    private readonly Dictionary<string, OriginState> _origins = new(StringComparer.Ordinal);
    private readonly Dictionary<PortId, NodeState> _nodes = [];
    private readonly Queue<QueryKey> _pendingJobs = new();
    private readonly Queue<PortQueryResult> _output = new();
    private readonly HashSet<PortId> _roots = [];
    private readonly List<string> _notes = [];
    private MovedPorts _moved = MovedPorts.Empty;
    private readonly Dictionary<PortId, MovedPorts.Resolution?> _movedDependencies = [];
    private readonly HashSet<PortId> _goneDependencies = [];
    private readonly Dictionary<PortId, (string What, List<PortId> Dependents)> _movedNotes = [];
    private readonly List<PortId> _movedNoteOrder = [];
    private string? _bootstrap;
    private bool _bootstrapDecided;
    private int _inFlight;
    private int _queried;
    private int _cached;
    private int _found;
    private int _failed;

    public ScanCoordinator(
        Func<QueryKey, CancellationToken, ValueTask<QueryCompletion>> query,
        string portsDirectory,
        int parallelism,
        IProgress<ScanProgress>? progress,
        string? bootstrapOrigin = null)
    {
        _query = query;
        _bootstrap = bootstrapOrigin;
        _bootstrapDecided = bootstrapOrigin is not null;
        _portsDirectory = portsDirectory;
        _parallelism = Math.Max(1, parallelism);
        _progress = progress;
    }

    /// <summary>Adds a node whose result is known without make (a removed port from MOVED), before the run.</summary>
    public void AddFinal(PortQueryResult result, bool root)
    {
        if (root)
        {
            _roots.Add(result.Id);
        }

        if (_nodes.TryAdd(result.Id, new NodeState(result.Id) { Result = result, Emitted = true }))
        {
            _failed += result.Status == PortQueryStatus.Found ? 0 : 1;
            _found += result.Status == PortQueryStatus.Found ? 1 : 0;
            _output.Enqueue(result);
        }
    }

    public void AddNote(string note) => _notes.Add(note);

    /// <summary>The tree's MOVED file, which dependencies naming a moved or removed origin are followed through.</summary>
    public void UseMoved(MovedPorts moved) => _moved = moved;

    /// <summary>The canonical nodes the requests named (filled as the scan runs).</summary>
    public IReadOnlyCollection<PortId> Roots => _roots;

    /// <summary>The pkg port: the one given, else the tree's <c>PKG_ORIGIN</c> (from the first answer), else <c>ports-mgmt/pkg</c> if it exists; null when none.</summary>
    public string? BootstrapOrigin => _bootstrap;

    /// <summary>What the user should know about the scan (a requested port followed through MOVED, no pkg port in the tree).</summary>
    public IReadOnlyList<string> Notes => _notes;

    public int Queried => _queried;

    public int Cached => _cached;

    public int Failed => _failed;

    public ScanProgress Progress => new(_queried, _cached, _pendingJobs.Count + _inFlight, _found, _failed);

    public async IAsyncEnumerable<PortQueryResult> RunAsync(
        IEnumerable<(string Origin, string? Flavor, bool Root)> requests,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = Channel.CreateBounded<QueryKey>(new BoundedChannelOptions(_parallelism * 2)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var completions = Channel.CreateUnbounded<QueryCompletion>(new UnboundedChannelOptions { SingleReader = true });
        var workers = new Task[_parallelism];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = Task.Run(() => WorkerAsync(work.Reader, completions.Writer, stop.Token), CancellationToken.None);
        }

        try
        {
            foreach (var (origin, flavor, root) in requests)
            {
                Request(origin, flavor, root);
            }

            if (_bootstrap is not null)
            {
                Request(_bootstrap, null, root: false);
            }

            Pump(work.Writer);
            while (true)
            {
                if (_inFlight == 0 && _pendingJobs.Count == 0)
                {
                    if (!DecideBootstrap())
                    {
                        FlushMovedNotes();
                        break;
                    }

                    Pump(work.Writer);
                    continue;
                }

                _progress?.Report(Progress);
                var completion = await completions.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                _inFlight--;
                if (completion.Failure is not null)
                {
                    ExceptionDispatchInfo.Capture(completion.Failure).Throw();
                }

                Complete(completion);
                Pump(work.Writer);
                while (_output.TryDequeue(out var result))
                {
                    yield return result;
                }
            }

            while (_output.TryDequeue(out var result))
            {
                yield return result;
            }

            _progress?.Report(Progress);
        }
        finally
        {
            work.Writer.TryComplete();
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await Task.WhenAll(workers).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Workers end by cancellation when the scan is abandoned.
            }
        }
    }

    private async Task WorkerAsync(ChannelReader<QueryKey> jobs, ChannelWriter<QueryCompletion> completions, CancellationToken cancellationToken)
    {
        await foreach (var key in jobs.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            QueryCompletion completion;
            try
            {
                completion = await _query(key, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                completion = new QueryCompletion(key, null, DirectoryMissing: false, FromCache: false, ex);
            }

            completions.TryWrite(completion);
        }
    }

    private void Pump(ChannelWriter<QueryKey> writer)
    {
        while (_pendingJobs.Count > 0 && writer.TryWrite(_pendingJobs.Peek()))
        {
            _pendingJobs.Dequeue();
            _inFlight++;
        }
    }
}

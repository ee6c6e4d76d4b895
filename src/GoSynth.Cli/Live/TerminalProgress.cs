using System.Globalization;
using GoSynth.Pkg.Scanning;
using Spectre.Console;

namespace GoSynth.Cli.Live;

/// <summary>
/// A progress bar on the terminal for long work whose total is known (the scan, a repository rebuild, a distfile
/// purge). <see cref="Report"/> is cheap and thread-safe; the bar appears once the work has taken
/// <see cref="ShowAfter"/> (work that ends sooner, such as a warm scan of a few ports, never touches the terminal),
/// redraws itself at a fixed rate and is cleared when disposed. A directive uses <see cref="RunAsync{T}"/>; with no
/// terminal (<c>-S</c>, a pipe) the work just runs.
/// </summary>
internal sealed class TerminalProgress : IProgress<ProgressCount>, IAsyncDisposable
{
    /// <summary>How long work runs before its bar is drawn.</summary>
    public static readonly TimeSpan ShowAfter = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _description;
    private readonly Task _loop;
    private long _done;
    private long _total;

    private TerminalProgress(IAnsiConsole console, string description)
    {
        _description = description;
        _loop = Task.Run(() => ShowAsync(console));
    }

    /// <summary>Starts a bar on <paramref name="console"/>; null when there is no console to draw on.</summary>
    public static TerminalProgress? Start(IAnsiConsole? console, string description) =>
        console is null ? null : new TerminalProgress(console, description);

    /// <summary>
    /// Runs <paramref name="work"/> with a bar on <paramref name="console"/> (when not null) that follows what the work
    /// reports, and clears the bar when it ends, whatever way.
    /// </summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole? console, string description, Func<IProgress<ProgressCount>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var bar = Start(console, description);
        if (bar is null)
        {
            return await work(new Progress<ProgressCount>()).ConfigureAwait(false);
        }

        await using (bar.ConfigureAwait(false))
        {
            return await work(bar).ConfigureAwait(false);
        }
    }

    /// <summary>Scans with a bar on <paramref name="console"/> (when not null) counting the ports evaluated.</summary>
    public static Task<PortScanResult> ScanAsync(IAnsiConsole? console, PortScanner scanner, ScanRequest request, CancellationToken cancellationToken) =>
        ScanAsync(console, progress => scanner.ScanToListAsync(request, progress, cancellationToken));

    /// <summary>Runs <paramref name="work"/>, which scans the tree reporting to the progress it is given, with the scan's bar.</summary>
    public static Task<T> ScanAsync<T>(IAnsiConsole? console, Func<IProgress<ScanProgress>, Task<T>> work) =>
        RunAsync(console, "Scanning the ports tree", bar => work(new ScanCounts(bar)));

    /// <summary>The scanner's progress as a count: ports answered (or failed) of those found so far.</summary>
    public static ProgressCount Of(ScanProgress value) => new(value.Found + value.Failed, value.Found + value.Failed + value.Pending);

    /// <summary>Takes the latest count.</summary>
    public void Report(ProgressCount value)
    {
        Interlocked.Exchange(ref _total, value.Total);
        Interlocked.Exchange(ref _done, value.Done);
    }

    /// <summary>Stops and clears the bar.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.TrySetResult();
        await _loop.ConfigureAwait(false);
    }

    private async Task ShowAsync(IAnsiConsole console)
    {
        if (await Task.WhenAny(_stop.Task, Task.Delay(ShowAfter)).ConfigureAwait(false) == _stop.Task)
        {
            return;
        }

        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(DriveAsync).ConfigureAwait(false);
    }

    private async Task DriveAsync(ProgressContext context)
    {
        var task = context.AddTask(_description, autoStart: true, maxValue: 1);
        while (true)
        {
            var total = Interlocked.Read(ref _total);
            var done = Interlocked.Read(ref _done);
            task.MaxValue = Math.Max(1, total);
            task.Value = Math.Min(done, task.MaxValue);
            task.Description = total > 0 ? string.Create(CultureInfo.InvariantCulture, $"{_description} {done}/{total}") : _description;
            if (_stop.Task.IsCompleted)
            {
                return;
            }

            await Task.WhenAny(_stop.Task, Task.Delay(Tick)).ConfigureAwait(false);
        }
    }
}

/// <summary>Passes the scanner's progress on as counts, on the scanner's own thread.</summary>
internal sealed class ScanCounts(IProgress<ProgressCount> bar) : IProgress<ScanProgress>
{
    public void Report(ScanProgress value) => bar.Report(TerminalProgress.Of(value));
}

/// <summary>How far some work is: <paramref name="Done"/> of <paramref name="Total"/> items.</summary>
internal readonly record struct ProgressCount(long Done, long Total);

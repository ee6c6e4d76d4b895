using System.Diagnostics;

namespace GoSynth.BuildDb.Tests;

/// <summary>Runs GoSynth.BuildDb.FaultChild (built beside the tests) and collects the acknowledgements it prints.</summary>
internal sealed class FaultChild : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _reader;
    private readonly Lock _sync = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FaultChild(Process process)
    {
        _process = process;
        Pid = process.Id;
        _reader = Task.Run(ReadAsync);
    }

    public int Pid { get; }

    public static FaultChild Start(string databasePath, Durability durability, int seed)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "GoSynth.BuildDb.FaultChild.dll");
        var info = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(databasePath);
        info.ArgumentList.Add(durability.ToString());
        info.ArgumentList.Add(seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.Environment["DOTNET_TieredPGO"] = "0";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the fault child");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new FaultChild(process);
    }

    /// <summary>Complete lines (ending with " .") printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_sync)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> complete lines were printed (or the child exited).</summary>
    public async Task WaitForLinesAsync(int count, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_sync)
            {
                if (_lines.Count >= count || _reader.IsCompleted)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    public async Task WaitForLineAsync(string line, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_sync)
            {
                if (_lines.Contains(line + " ."))
                {
                    return;
                }

                if (_reader.IsCompleted)
                {
                    throw new InvalidOperationException($"the fault child exited before printing '{line}'");
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(timeout.Token);
        }
    }

    /// <summary>Sends SIGKILL and waits until the process is gone and its output is drained.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
        }

        await _process.WaitForExitAsync();
        await _reader;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_sync)
                {
                    // A line cut by the kill has no " ." end: it acknowledges nothing.
                    if (line.EndsWith(" .", StringComparison.Ordinal))
                    {
                        _lines.Add(line);
                    }

                    _changed.TrySetResult();
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        }
        finally
        {
            lock (_sync)
            {
                _changed.TrySetResult();
            }
        }
    }
}

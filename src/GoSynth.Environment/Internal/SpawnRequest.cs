using System.Runtime.CompilerServices;
using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Internal;

/// <summary>
/// One child to start on a thread that joined a <see cref="MountNamespace"/>: the thread runs <see cref="Run"/>, the
/// caller blocks in <see cref="WaitUntilStarted"/> until it has. A monitor on the request itself carries the wake-up,
/// so the hand-off costs one wake of each side and nothing goes through the thread pool.
/// </summary>
internal sealed class SpawnRequest(ProcessSpec spec, IReadOnlyList<string> argv)
{
    private bool _done;
    private Exception? _failure;

    /// <summary>The started child; valid once <see cref="WaitUntilStarted"/> returned no failure.</summary>
    public (int Pid, int StdoutFd, int StderrFd) Result { get; private set; }

    /// <summary>Compiles <see cref="Run"/> and the types it may throw, by a run that cannot start anything.</summary>
    public static void Warm()
    {
        var request = new SpawnRequest(null!, []);
        request.Run();
        _ = request.WaitUntilStarted();
        _ = typeof(System.ComponentModel.Win32Exception).TypeHandle;
    }

    /// <summary>Starts the child on the calling thread (which sees the namespace) and wakes the caller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // compiled once, never recompiled by tiering on a joined thread
    public void Run()
    {
        (int, int, int) result = default;
        Exception? failure = null;
        try
        {
            result = ChildStarter.Start(spec, argv);
        }
        catch (Exception ex)
        {
            failure = ex;
        }

        lock (this)
        {
            Result = result;
            _failure = failure;
            _done = true;
            Monitor.Pulse(this);
        }
    }

    /// <summary>Blocks until <see cref="Run"/> has ended; its failure, or null when the child started.</summary>
    public Exception? WaitUntilStarted()
    {
        lock (this)
        {
            while (!_done)
            {
                Monitor.Wait(this);
            }

            return _failure;
        }
    }
}

using System.ComponentModel;
using GoSynth.Environment.Processes;

namespace GoSynth.Environment.Internal;

/// <summary>What a spawn inside a view did, in plain numbers (see <see cref="Crossing"/>).</summary>
internal enum CrossingStep
{
    /// <summary>Everything asked for was done.</summary>
    Done,

    /// <summary><c>setns</c> into the view's mount namespace failed; the thread did not move.</summary>
    EnterMount,

    /// <summary><c>chroot</c> to the view's root failed.</summary>
    Chroot,

    /// <summary><c>chdir</c> to the new root failed.</summary>
    Chdir,

    /// <summary><c>setns</c> into the view's PID namespace (for the children) failed.</summary>
    EnterPid,

    /// <summary>No candidate path named a program.</summary>
    NotFound,

    /// <summary>The working directory does not exist in the view.</summary>
    NoWorkingDirectory,

    /// <summary>posix_spawn failed; the error is its result.</summary>
    Spawn,

    /// <summary><c>setns</c> back into the host's PID namespace for children failed.</summary>
    LeavePid,

    /// <summary><c>setns</c> back into the host's mount namespace failed.</summary>
    LeaveMount,

    /// <summary>Going back to the thread's host root or working directory (<c>fchdir</c>, <c>chroot</c>) failed.</summary>
    LeaveRoot,

    /// <summary><c>unshare(CLONE_FS)</c> failed: the thread could not take a private root and working directory; it did not move.</summary>
    Unshare,
}

/// <summary>
/// One crossing into a view and back, as plain data a thread can act on with no managed work: the namespaces, the
/// root, the candidate paths of the program, the prepared spawn; and what came of it. Laid out for
/// <see cref="MountNamespace"/>'s crossing, which reads and writes only this.
/// </summary>
internal unsafe struct Crossing
{
    public CrossingConstants Constants; // the system's values, copied on the host: the crossing reads no static
    public int ViewMount;
    public int ViewPid; // -1: the children stay in the host's PID namespace
    public int HostMount;
    public int HostPid; // the host's namespace for children, -1 when ViewPid is
    public int HostRoot; // the host's root directory, to return to
    public int HostCwd; // the host's working directory, to return to
    public byte* Root;

    public byte** Candidates; // null: enter and leave only (the join's trial)
    public int RequireExecutable; // 1: a candidate must be a non-directory with an execute bit; 0: must exist and not be a directory
    public byte* WorkingDirectory; // null: none asked for
    public byte* Actions;
    public byte* Attributes;
    public byte** Argv;
    public byte** Envp;

    public CrossingStep Step;
    public int Error;
    public CrossingStep LeaveStep; // Done, LeavePid, LeaveMount or LeaveRoot
    public int LeaveError;
    public int Chosen; // the candidate that was spawned, or -1
    public int Pid;
    public int Lost; // set last, by the crossing, when its thread could not return to the host (it then runs no more code here)
}

/// <summary>
/// The C-library values a crossing passes to its calls, taken from the native table (<c>NativeConstants</c>, checked
/// against the headers by a test) on the host, before the crossing: inside the view no static field is read, so no
/// class constructor, no lookup and no call into the runtime can run there.
/// </summary>
internal struct CrossingConstants
{
    public int CloneFs;
    public int CloneNewNs;
    public int CloneNewPid;
    public int AtFdCwd;
    public uint StatxTypeAndMode;
    public int StatxSize;
    public int StatxModeOffset;
    public int TypeMask; // S_IFMT
    public int DirectoryType; // S_IFDIR
    public int ExecuteBits; // S_IXUSR | S_IXGRP | S_IXOTH

    /// <summary>The values of the running system (Linux: views exist nowhere else).</summary>
    public static CrossingConstants FromTable() => new()
    {
        CloneFs = Native.NativeConstants.CloneFs.Int,
        CloneNewNs = Native.NativeConstants.CloneNewNs.Int,
        CloneNewPid = Native.NativeConstants.CloneNewPid.Int,
        AtFdCwd = Native.NativeConstants.AtFdCwd.Int,
        StatxTypeAndMode = (uint)Native.NativeConstants.StatxTypeAndMode.Int,
        StatxSize = Native.NativeConstants.StatxSize.Int,
        StatxModeOffset = Native.NativeConstants.StatxModeOffset.Int,
        TypeMask = Native.NativeConstants.SIfMt.Int,
        DirectoryType = Native.NativeConstants.SIfDir.Int,
        ExecuteBits = Native.NativeConstants.SIxAll.Int,
    };
}

/// <summary>
/// One child to start inside a <see cref="MountNamespace"/>. The caller builds it on its own thread (on the host):
/// the program's candidate paths, the output pipes, argv, envp and the spawn attributes, all in native memory. A
/// pool thread makes the crossing (<see cref="Crossing"/>) and wakes the caller, which turns the numbers into the
/// result or an exception. A monitor on the request carries the wake-up; nothing goes through the thread pool. The
/// crossing lives in native memory the request owns, so a thread that could not return from the view hands its outcome
/// over by writing it there (no lock, no call): the caller, which waits in short slices, sees it and goes on.
/// </summary>
internal sealed unsafe class SpawnRequest : IDisposable
{
    private readonly NativeSpawner.Prepared _prepared;
    private readonly string[] _candidates;
    private readonly string? _searchPath; // the PATH searched, or null when the program was given as a path
    private static readonly TimeSpan LostCheck = TimeSpan.FromMilliseconds(20);
    private readonly Crossing* _crossing;
    private bool _done;
    private bool _lostThread;

    /// <summary>Prepares <paramref name="spec"/>'s spawn; throws as a spawn on the host would when it cannot be.</summary>
    public SpawnRequest(ProcessSpec spec, IReadOnlyList<string> argv)
    {
        Spec = spec;
        var name = spec.FileName;

        // The program and the working directory are looked up inside the view, by the crossing; here only their
        // names are made. Relative names count from the working directory, else from the view's root.
        _candidates = ExecutableResolver.Candidates(spec, "/", out _searchPath);

        try
        {
            _prepared = NativeSpawner.Prepare(argv, spec.Environment, spec.WorkingDirectory);
        }
        catch (Win32Exception e)
        {
            throw new ProcessStartException(name, e.Message, e);
        }

        try
        {
            _crossing = (Crossing*)System.Runtime.InteropServices.NativeMemory.AllocZeroed((nuint)sizeof(Crossing));
            _crossing->Candidates = _prepared.EncodeAll(_candidates);
            _crossing->RequireExecutable = _searchPath is null ? 0 : 1;
            _crossing->WorkingDirectory = spec.WorkingDirectory is null ? null : _prepared.Encode(spec.WorkingDirectory);
        }
        catch
        {
            System.Runtime.InteropServices.NativeMemory.Free(_crossing);
            _prepared.Dispose();
            throw;
        }

        _crossing->Actions = _prepared.Actions;
        _crossing->Attributes = _prepared.Attributes;
        _crossing->Argv = _prepared.Argv;
        _crossing->Envp = _prepared.Envp;
        _crossing->Chosen = -1;
    }

    /// <summary>The spec to start.</summary>
    public ProcessSpec Spec { get; }

    /// <summary>Whether the thread that made the crossing could not return to the host (known once <see cref="WaitUntilStarted"/> returned or threw).</summary>
    public bool LostThread => _lostThread;

    /// <summary>The crossing to make, for the serving thread (it fills in the namespaces); it stays valid until <see cref="Dispose"/>.</summary>
    public Crossing* Crossing => _crossing;

    /// <summary>Wakes the caller: the crossing was made and its thread is back on the host.</summary>
    public void Complete()
    {
        lock (this)
        {
            _done = true;
            Monitor.Pulse(this);
        }
    }

    /// <summary>Hands a refusal to the caller and wakes it (the view was closed, or lost its last thread, before the spawn).</summary>
    public void Refuse()
    {
        _crossing->Step = CrossingStep.EnterMount;
        _crossing->Error = -1;
        Complete();
    }

    /// <summary>
    /// Blocks until the crossing was made and returns the started child, or throws
    /// <see cref="ProcessStartException"/> saying why not, in the words of <paramref name="where"/>.
    /// </summary>
    public (int Pid, int StdoutFd, int StderrFd) WaitUntilStarted(string where, string refusal)
    {
        Crossing outcome;
        lock (this)
        {
            // A thread that could not return from the view wakes nobody (it may run nothing there): its mark is looked
            // for between the waits.
            while (!_done && Volatile.Read(ref _crossing->Lost) == 0)
            {
                Monitor.Wait(this, LostCheck);
            }

            outcome = *_crossing;
        }

        var name = Spec.FileName;
        if (outcome.LeaveStep != CrossingStep.Done)
        {
            _lostThread = true;
            if (outcome.Step == CrossingStep.Done)
            {
                // Started, but from a thread that is now stuck in the view: the child is not handed out.
                NativeSpawner.KillGroup(outcome.Pid, LibC.SIGKILL);
                NativeSpawner.Reap(outcome.Pid);
            }

            throw new ProcessStartException(name, $"the spawning thread could not return to the host ({Describe(outcome.LeaveStep)} failed: {LibC.Describe(outcome.LeaveError)}); it serves no more spawns ({where})");
        }

        var reason = outcome.Step switch
        {
            CrossingStep.Done => null,
            CrossingStep.EnterMount when outcome.Error == -1 => refusal,
            CrossingStep.NotFound => ExecutableResolver.NotFound(_searchPath, _candidates),
            CrossingStep.NoWorkingDirectory => $"working directory '{Spec.WorkingDirectory}' does not exist",
            CrossingStep.Spawn => $"{new Win32Exception(outcome.Error).Message} (resolved to '{_candidates[outcome.Chosen]}')",
            _ => $"cannot enter the view: {Describe(outcome.Step)} failed: {LibC.Describe(outcome.Error)}",
        };
        if (reason is not null)
        {
            throw new ProcessStartException(name, $"{reason} ({where})");
        }

        return _prepared.Started(outcome.Pid);
    }

    /// <summary>Frees the native memory and closes the pipes the child did not get.</summary>
    public void Dispose()
    {
        System.Runtime.InteropServices.NativeMemory.Free(_crossing);
        _prepared.Dispose();
    }

    /// <summary>The system call a step makes, for messages.</summary>
    public static string Describe(CrossingStep step) => step switch
    {
        CrossingStep.EnterMount => "setns into the mount namespace",
        CrossingStep.Chroot => "chroot",
        CrossingStep.Chdir => "chdir to the new root",
        CrossingStep.EnterPid => "setns into the PID namespace",
        CrossingStep.LeavePid => "setns back into the host's PID namespace",
        CrossingStep.LeaveMount => "setns back into the host's mount namespace",
        CrossingStep.LeaveRoot => "the return to the host's root and working directory",
        CrossingStep.Unshare => "unshare(CLONE_FS)",
        _ => step.ToString(),
    };
}

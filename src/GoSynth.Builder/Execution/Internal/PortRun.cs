using System.Collections.Immutable;
using GoSynth.Builder.Scheduling;

namespace GoSynth.Builder.Execution.Internal;

/// <summary>The state of one port's build in a slot, from taking it to its outcome.</summary>
internal sealed class PortRun(PortBuildRequest request, SlotWorker worker, PortLog log, TimeProvider time)
{
    private readonly ImmutableArray<PhaseTiming>.Builder _phases = ImmutableArray.CreateBuilder<PhaseTiming>();
    private long _phaseStart;

    public PortBuildRequest Request { get; } = request;

    public SlotWorker Worker { get; } = worker;

    public PortLog Log { get; } = log;

    public string Port { get; } = request.Node.Id.ToString();

    public long Started { get; } = time.GetTimestamp();

    /// <summary>The phase running now (the failed phase once the build stopped).</summary>
    public string Phase { get; private set; } = "prepare";

    public int Installed { get; set; }

    public int Reused { get; set; }

    public ImmutableArray<PhaseTiming> Phases => _phases.ToImmutable();

    public TimeSpan Elapsed => time.GetElapsedTime(Started);

    public void BeginPhase(string phase)
    {
        EndPhase();
        Phase = phase;
        _phaseStart = time.GetTimestamp();
        Log.Banner(phase);
    }

    /// <summary>Records the running phase's wall time (once).</summary>
    public TimeSpan EndPhase()
    {
        if (_phaseStart == 0)
        {
            return TimeSpan.Zero;
        }

        var elapsed = time.GetElapsedTime(_phaseStart);
        _phases.Add(new PhaseTiming(Phase, elapsed));
        _phaseStart = 0;
        return elapsed;
    }
}

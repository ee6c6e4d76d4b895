namespace GoSynth.Builder.Scheduling;

/// <summary>How many builders may run now: the throttle the scheduler consults before each admission.</summary>
public interface IWorkerLimit
{
    /// <summary>The current limit (at least 1), given how many builders run.</summary>
    ValueTask<int> GetLimitAsync(int running, CancellationToken cancellationToken = default);

    /// <summary>How long to wait before asking again while the limit holds a ready port back.</summary>
    TimeSpan RecheckInterval { get; }
}

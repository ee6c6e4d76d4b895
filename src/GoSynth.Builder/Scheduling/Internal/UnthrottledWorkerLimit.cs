namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>The throttle switched off (<c>Disable_throttle = true</c>): every configured builder may run.</summary>
internal sealed class UnthrottledWorkerLimit(int builders) : IWorkerLimit
{
    public TimeSpan RecheckInterval => TimeSpan.FromSeconds(5);

    public ValueTask<int> GetLimitAsync(int running, CancellationToken cancellationToken = default) => ValueTask.FromResult(builders);
}

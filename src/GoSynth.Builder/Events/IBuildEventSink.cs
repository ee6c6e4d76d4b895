namespace GoSynth.Builder.Events;

/// <summary>
/// Receives build events. <see cref="Publish"/> is called from the builder's threads, concurrently for different
/// ports; it must be quick and must not throw (a sink that does slow work queues it and finishes it in
/// <see cref="FlushAsync"/>).
/// </summary>
public interface IBuildEventSink
{
    /// <summary>Takes one event.</summary>
    void Publish(BuildEvent buildEvent);

    /// <summary>
    /// Completes everything queued so far (files written, processes run). The run calls it after publishing
    /// <see cref="RunFinishedEvent"/>, also when the run was interrupted.
    /// </summary>
    ValueTask FlushAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}

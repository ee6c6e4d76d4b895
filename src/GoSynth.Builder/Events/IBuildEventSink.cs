namespace GoSynth.Builder.Events;

/// <summary>
/// Receives build events. <see cref="Publish"/> is called from the builder's threads, concurrently for different
/// ports; it must be quick and must not throw (a sink that does slow work queues it).
/// </summary>
public interface IBuildEventSink
{
    /// <summary>Takes one event.</summary>
    void Publish(BuildEvent buildEvent);
}

using GoSynth.Builder.Events;
using Microsoft.Extensions.Logging;

namespace GoSynth.Builder.Running.Internal;

/// <summary>
/// Hands every event to each sink in turn: the sinks registered in the container and the run's own. A sink that
/// throws is logged and does not stop the others or the run.
/// </summary>
internal sealed class BuildEventFanOut(IReadOnlyList<IBuildEventSink> sinks, ILogger logger) : IBuildEventSink
{
    public IReadOnlyList<IBuildEventSink> Sinks => sinks;

    public void Publish(BuildEvent buildEvent)
    {
        foreach (var sink in sinks)
        {
            try
            {
                sink.Publish(buildEvent);
            }
#pragma warning disable CA1031 // A consumer's bug must not end the build.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RunLog.SinkFailed(logger, e, sink.GetType().Name, buildEvent.GetType().Name);
            }
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        foreach (var sink in sinks)
        {
            try
            {
                await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Every sink gets its flush, whatever another one does.
            catch (Exception e)
#pragma warning restore CA1031
            {
                RunLog.SinkFailed(logger, e, sink.GetType().Name, "flush");
            }
        }
    }
}

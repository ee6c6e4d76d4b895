namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>Calls an executor so that nothing it throws escapes: a crash or a cancellation is the port's outcome.</summary>
internal static class SafeBuild
{
    public static async ValueTask<PortBuildOutcome> RunAsync(
        IPortBuildExecutor executor, PortBuildRequest request, string cancelledMessage, CancellationToken cancellationToken)
    {
        try
        {
            return await executor.BuildAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PortBuildOutcome(false, null, cancelledMessage);
        }
#pragma warning disable CA1031 // An executor's crash is the port's failure, not the run's.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new PortBuildOutcome(false, null, $"the executor failed: {e.Message}");
        }
    }
}

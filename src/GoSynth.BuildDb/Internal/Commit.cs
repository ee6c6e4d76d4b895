namespace GoSynth.BuildDb.Internal;

/// <summary>One unit of work for the <see cref="CommitPipeline"/>: frames to append, a flush, or an exclusive action.</summary>
internal sealed class Commit
{
    public byte[]? Frame { get; init; }

    public IReadOnlyList<byte[]>? Frames { get; init; }

    public bool ForceFlush { get; init; }

    public Func<Task>? Exclusive { get; init; }

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>Takes ready ports in the order they became ready.</summary>
internal sealed class FifoReadySet : IReadySet
{
    private readonly Queue<int> _queue = new();

    public int Count => _queue.Count;

    public void Add(int node) => _queue.Enqueue(node);

    public bool TryTake(int slot, out int node) => _queue.TryDequeue(out node);
}

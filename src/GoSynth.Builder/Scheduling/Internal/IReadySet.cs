namespace GoSynth.Builder.Scheduling.Internal;

/// <summary>The ports ready to build and the rule that picks one for a free slot: the scheduling policy.</summary>
internal interface IReadySet
{
    int Count { get; }

    void Add(int node);

    bool TryTake(int slot, out int node);
}

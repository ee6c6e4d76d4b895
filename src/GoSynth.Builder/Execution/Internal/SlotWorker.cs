using GoSynth.Environment.Slots;

namespace GoSynth.Builder.Execution.Internal;

/// <summary>One slot of the pool and what the executor remembers about it between ports.</summary>
internal sealed class SlotWorker(ISlot slot)
{
    private int _busy;

    public ISlot Slot { get; } = slot;

    /// <summary>The dependency packages installed since the last reset, in install order.</summary>
    public List<HeldPackage> Held { get; } = [];

    /// <summary>Nothing has been built in the slot since it was set up: no reset is needed.</summary>
    public bool Fresh { get; set; } = true;

    /// <summary>The slot holds something unknown (a failed install, a build that wrote to /usr/local, a cancel): reset it.</summary>
    public bool Dirty { get; set; }

    public bool TryEnter() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void Exit() => Volatile.Write(ref _busy, 0);
}

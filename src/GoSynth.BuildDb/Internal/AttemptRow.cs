namespace GoSynth.BuildDb.Internal;

/// <summary>
/// One attempt as held in memory: a struct in large chunk arrays, with strings as <see cref="StringPool"/> ids and the
/// node as an index, so there is no object per attempt and nothing for the garbage collector to trace.
/// </summary>
internal struct AttemptRow
{
    public long Id;
    public long RunId;
    public int Node;
    public int Version;
    public int PackageFile;
    public int Reason;
    public int LastPhase;
    public int Excerpt;

    /// <summary>1 + the index of the row's <see cref="AttemptInputs"/>, or 0 when none were recorded.</summary>
    public int Inputs;
    public long StartMs;
    public long EndMs;
    public uint Fingerprint;
    public bool HasFingerprint;
    public AttemptStatus Status;
    public int Slot;
}

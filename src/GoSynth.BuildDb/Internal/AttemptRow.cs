namespace GoSynth.BuildDb.Internal;

/// <summary>One attempt as held in memory (a struct in one large array: no object per attempt).</summary>
internal struct AttemptRow
{
    public long Id;
    public long RunId;
    public NodeState Node;
    public string Version;
    public string? PackageFile;
    public string? Reason;
    public string? LastPhase;
    public string? Excerpt;
    public long StartMs;
    public long EndMs;
    public uint Fingerprint;
    public bool HasFingerprint;
    public AttemptStatus Status;
    public int Slot;
}

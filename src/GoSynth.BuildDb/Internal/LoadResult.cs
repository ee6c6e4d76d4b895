namespace GoSynth.BuildDb.Internal;

/// <summary>What <see cref="FileLoader"/> found in a file.</summary>
internal sealed class LoadResult
{
    public ulong Generation { get; set; }

    public long ValidEnd { get; set; } = FileFormat.HeaderSize;

    public long TailLength { get; set; }

    public bool HeaderDamaged { get; set; }

    public bool Empty { get; set; }

    public List<DamagedRange> Damage { get; } = [];
}

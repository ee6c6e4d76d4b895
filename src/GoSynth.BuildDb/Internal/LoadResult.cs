namespace GoSynth.BuildDb.Internal;

/// <summary>What <see cref="FileLoader"/> found in a file.</summary>
internal sealed class LoadResult
{
    public ulong Generation { get; set; }

    /// <summary>The format version the records were read as.</summary>
    public ushort Version { get; set; } = FileFormat.CurrentVersion;

    public long ValidEnd { get; set; } = FileFormat.HeaderSize;

    public long TailLength { get; set; }

    public bool HeaderDamaged { get; set; }

    public bool Empty { get; set; }

    public List<DamagedRange> Damage { get; } = [];
}

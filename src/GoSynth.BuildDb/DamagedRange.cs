namespace GoSynth.BuildDb;

/// <summary>A byte range of the database file that held no valid record.</summary>
/// <param name="Kind">What was wrong.</param>
/// <param name="Offset">The first byte of the range in the file as found.</param>
/// <param name="Length">How many bytes.</param>
/// <param name="Detail">A sentence for the user.</param>
public sealed record DamagedRange(DamageKind Kind, long Offset, long Length, string Detail);

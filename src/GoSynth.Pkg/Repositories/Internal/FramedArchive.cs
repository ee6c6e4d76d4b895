namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>A catalog archive to be written as a sequence of zstd frames: its tar bytes, the pieces they are cut into
/// (in order, covering the tar), and each piece's frame once compressed or found in the cache.</summary>
internal sealed class FramedArchive(string path, byte[] tar, IReadOnlyList<(int Start, int Length)> pieces)
{
    public string Path { get; } = path;

    public IReadOnlyList<(int Start, int Length)> Pieces { get; } = pieces;

    public byte[]?[] Frames { get; } = new byte[pieces.Count][];

    public ReadOnlySpan<byte> Piece(int index) => tar.AsSpan(Pieces[index].Start, Pieces[index].Length);
}

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Fills the frames of framed catalog archives: each piece's frame comes from the frame cache when a frame cached for
/// the same level and bytes decodes to it, else the piece is compressed into its own single-threaded frame. Pieces are
/// compressed in parallel (largest first, identical pieces once), each thread reusing one compression context; the
/// frame of a piece depends only on its bytes, the level and the compressor, never on which pieces were cached, so an
/// incremental rebuild writes the same bytes as a full one.
/// </summary>
internal static class CatalogFrames
{
    /// <summary>Compresses what the cache does not hold.</summary>
    /// <returns>How many pieces got a frame compressed in this rebuild (a piece repeated in the archives is compressed once
    /// and counted each time) and how many got theirs from the cache; together, every frame.</returns>
    public static (int Compressed, int Reused) Fill(IReadOnlyList<FramedArchive> archives, int level, int threads, CatalogFrameCache? cache, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<UInt128, List<(FramedArchive Archive, int Index)>>();
        var reused = 0;
        foreach (var archive in archives)
        {
            for (var i = 0; i < archive.Pieces.Count; i++)
            {
                var piece = archive.Piece(i);
                var hash = CatalogFrameCache.Hash(piece);
                if (!missing.ContainsKey(hash) && cache?.Find(level, hash, piece) is { } frame)
                {
                    archive.Frames[i] = frame;
                    reused++;
                    continue;
                }

                if (!missing.TryGetValue(hash, out var users))
                {
                    missing[hash] = users = [];
                }

                users.Add((archive, i));
            }
        }

        var work = missing.Values.OrderByDescending(u => u[0].Archive.Pieces[u[0].Index].Length).ToList();
        Parallel.ForEach(
            work,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken },
            () => new CatalogCompressor.FrameCompressor(level),
            (users, _, compressor) =>
            {
                var frame = compressor.Compress(users[0].Archive.Piece(users[0].Index));
                foreach (var (archive, index) in users)
                {
                    archive.Frames[index] = frame;
                }

                return compressor;
            },
            compressor => compressor.Dispose());
        return (work.Sum(u => u.Count), reused);
    }

    /// <summary>The frames of <paramref name="archives"/> by (level, piece hash), for the next frame cache.</summary>
    public static IEnumerable<KeyValuePair<(int Level, UInt128 Hash), byte[]>> Entries(IReadOnlyList<FramedArchive> archives, int level)
    {
        var seen = new HashSet<UInt128>();
        foreach (var archive in archives)
        {
            for (var i = 0; i < archive.Pieces.Count; i++)
            {
                var hash = CatalogFrameCache.Hash(archive.Piece(i));
                if (seen.Add(hash))
                {
                    yield return KeyValuePair.Create((level, hash), archive.Frames[i]!);
                }
            }
        }
    }
}

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>The hash pieces are grouped and cached by (<see cref="CatalogFrameCache.Hash"/>; tests inject others).</summary>
internal delegate UInt128 PieceHash(ReadOnlySpan<byte> piece);

/// <summary>
/// Fills the frames of framed catalog archives: each piece's frame comes from the frame cache when a frame cached for
/// the same level and bytes decodes to it, else the piece is compressed into its own single-threaded frame. Pieces with
/// equal bytes share one frame (a hash only finds candidates; the bytes decide). The checks and compressions run in
/// parallel (pieces to compress first, largest first), each thread reusing one decompression and one compression
/// context; the frame of a piece depends only on its bytes, the level and the compressor, never on which pieces were
/// cached, so an incremental rebuild writes the same bytes as a full one.
/// </summary>
internal static class CatalogFrames
{
    /// <summary>Fills every frame of <paramref name="archives"/>, from <paramref name="cache"/> where it holds a good one;
    /// frames found in the cache that do not decode to their piece are counted and logged once.</summary>
    /// <param name="archives">The archives to fill.</param>
    /// <param name="level">zstd level.</param>
    /// <param name="threads">How many pieces are checked or compressed at once.</param>
    /// <param name="cache">The last rebuild's frames; null for none.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="hash">The piece hash; <see cref="CatalogFrameCache.Hash"/> unless a test forces collisions.</param>
    public static FrameFill Fill(IReadOnlyList<FramedArchive> archives, int level, int threads, CatalogFrameCache? cache, CancellationToken cancellationToken, PieceHash? hash = null)
    {
        var groups = Group(archives, hash ?? CatalogFrameCache.Hash);
        var rejected = 0;
        // The pieces to compress first (largest first, so the last to finish is small), then the cached ones to check;
        // handed out one at a time, as their costs differ by orders of magnitude.
        var order = groups.OrderBy(g => cache is not null && cache.TryGet(level, g.Hash, out _)).ThenByDescending(g => g.Length).ToList();
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(order, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellationToken },
            () => new Contexts(level),
            (group, _, contexts) =>
            {
                var piece = group.Piece;
                if (cache is not null && cache.TryGet(level, group.Hash, out var cached))
                {
                    if (contexts.Decoder.DecodesTo(cached, piece))
                    {
                        group.Frame = cached;
                        group.Reused = true;
                    }
                    else
                    {
                        Interlocked.Increment(ref rejected);
                    }
                }

                group.Frame ??= contexts.Compressor.Compress(piece);
                return contexts;
            },
            contexts => contexts.Dispose());

        int compressed = 0, reused = 0;
        var entries = new List<KeyValuePair<(int Level, UInt128 Hash), byte[]>>(groups.Count);
        var keys = new HashSet<UInt128>();
        foreach (var group in groups)
        {
            foreach (var (archive, index) in group.Users)
            {
                archive.Frames[index] = group.Frame;
            }

            if (group.Reused)
            {
                reused += group.Users.Count;
            }
            else
            {
                compressed += group.Users.Count;
            }

            // Pieces that only share a hash: the cache keeps the first one's frame, the other is compressed each time.
            if (keys.Add(group.Hash))
            {
                entries.Add(KeyValuePair.Create((level, group.Hash), group.Frame!));
            }
        }

        if (rejected > 0)
        {
            cache!.LogRejected(rejected);
        }

        var current = cache is not null && compressed == 0 && rejected == 0 && entries.Count == cache.Count;
        return new FrameFill(compressed, reused, rejected, entries, current);
    }

    /// <summary>The pieces of <paramref name="archives"/> grouped by equal bytes, in the order of their first use: a piece
    /// joins an earlier one only when the hashes and the bytes are equal.</summary>
    internal static List<PieceGroup> Group(IReadOnlyList<FramedArchive> archives, PieceHash hash)
    {
        var groups = new List<PieceGroup>();
        var byHash = new Dictionary<UInt128, List<PieceGroup>>();
        foreach (var archive in archives)
        {
            for (var i = 0; i < archive.Pieces.Count; i++)
            {
                var piece = archive.Piece(i);
                var key = hash(piece);
                if (!byHash.TryGetValue(key, out var sameHash))
                {
                    byHash[key] = sameHash = [];
                }

                PieceGroup? group = null;
                foreach (var candidate in sameHash)
                {
                    if (candidate.Piece.SequenceEqual(piece))
                    {
                        group = candidate;
                        break;
                    }
                }

                if (group is null)
                {
                    group = new PieceGroup(key, archive, i);
                    sameHash.Add(group);
                    groups.Add(group);
                }
                else
                {
                    group.Users.Add((archive, i));
                }
            }
        }

        return groups;
    }

    /// <summary>Pieces with equal bytes: where they are, their hash and, once filled, their frame.</summary>
    internal sealed class PieceGroup(UInt128 hash, FramedArchive archive, int index)
    {
        public UInt128 Hash { get; } = hash;

        public List<(FramedArchive Archive, int Index)> Users { get; } = [(archive, index)];

        public ReadOnlySpan<byte> Piece => archive.Piece(index);

        public int Length => archive.Pieces[index].Length;

        public byte[]? Frame { get; set; }

        public bool Reused { get; set; }
    }

    /// <summary>One thread's zstd contexts, each made when first needed.</summary>
    private sealed class Contexts(int level) : IDisposable
    {
        private CatalogCompressor.FrameCompressor? _compressor;
        private CatalogCompressor.FrameDecoder? _decoder;

        public CatalogCompressor.FrameCompressor Compressor => _compressor ??= new CatalogCompressor.FrameCompressor(level);

        public CatalogCompressor.FrameDecoder Decoder => _decoder ??= new CatalogCompressor.FrameDecoder();

        public void Dispose()
        {
            _compressor?.Dispose();
            _decoder?.Dispose();
        }
    }
}

/// <summary>What <see cref="CatalogFrames.Fill"/> did.</summary>
/// <param name="Compressed">Pieces whose frame was compressed in this rebuild (a piece repeated in the archives is
/// compressed once and counted each time).</param>
/// <param name="Reused">Pieces whose frame came from the cache; with <paramref name="Compressed"/>, every frame.</param>
/// <param name="Rejected">Frames found in the cache for a piece that did not decode to it.</param>
/// <param name="Entries">The frames by (level, piece hash), for the next frame cache.</param>
/// <param name="CacheCurrent">The cache already holds exactly <paramref name="Entries"/>: nothing to write.</param>
internal sealed record FrameFill(int Compressed, int Reused, int Rejected, IReadOnlyList<KeyValuePair<(int Level, UInt128 Hash), byte[]>> Entries, bool CacheCurrent);

using System.IO.Hashing;

namespace GoSynth.Pkg.Repositories.Internal;

/// <summary>
/// Cuts a catalog member into pieces at entry ends chosen by the entries' own bytes (content-defined chunking), so a
/// package added, removed or changed moves only the cuts near it: the size rules below (no cut before half the target,
/// a forced one past three times it) can shift the next cuts until they line up with the old ones again, usually within
/// a piece or two; the pieces before and beyond keep their bytes, and their compressed frames can be reused. Each entry (with its separator) ends a piece when the piece has reached
/// half the target size and a hash of the entry's bytes falls below a threshold proportional to the entry's length,
/// so pieces average the target size whatever the entry lengths; a piece is cut after the entry that takes it past
/// three times the target whatever the hash (rare: about one piece in 150), and an entry is never split.
/// </summary>
internal static class CatalogPieces
{
    /// <summary>The end offsets (exclusive) of the pieces of <paramref name="content"/>, the last one its length.</summary>
    /// <param name="content">The member's bytes.</param>
    /// <param name="entryEnds">Ascending offsets where an entry (with its separator) ends; the last is the content's
    /// length (an empty list for empty content).</param>
    /// <param name="target">The average piece size wanted, in bytes (&gt; 0).</param>
    public static List<int> Cut(ReadOnlySpan<byte> content, IReadOnlyList<int> entryEnds, int target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, 1);
        var cuts = new List<int>(Math.Max(1, content.Length / target) + 4);
        var half = (ulong)Math.Max(1, target / 2);
        var maximum = 3L * target;
        int start = 0, previous = 0;
        foreach (var end in entryEnds)
        {
            var length = end - previous;
            var size = end - start;
            if (size >= maximum || (size * 2L >= target && XxHash64.HashToUInt64(content[previous..end]) % half < (ulong)length))
            {
                cuts.Add(end);
                start = end;
            }

            previous = end;
        }

        if (start < content.Length)
        {
            cuts.Add(content.Length);
        }

        return cuts;
    }
}

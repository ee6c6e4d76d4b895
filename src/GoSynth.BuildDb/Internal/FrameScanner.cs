using System.Buffers.Binary;
using System.IO.Hashing;

namespace GoSynth.BuildDb.Internal;

/// <summary>
/// Reads the escaped frames of format 2 through a <see cref="ScanWindow"/>. A frame starts with the marker byte,
/// which appears nowhere else, so resynchronization after damage only ever tries the starts of real frames: bytes
/// inside a record (a failure excerpt holding a copy of a valid frame) are never read as a record. A frame found by
/// resynchronization must also end where the next frame (or the file) starts.
/// </summary>
internal sealed class FrameScanner(ScanWindow window)
{
    private const int ResyncChunk = 1 << 16;

    /// <summary>Scans [start, end). Returns the offset after the last valid frame; the tail after it, if any, is unread.</summary>
    public long Scan(long start, FrameHandler onFrame, List<DamagedRange> damage, out long tailLength)
    {
        var end = window.End;
        var position = start;
        tailLength = 0;
        var validEnd = start;
        while (position < end)
        {
            if (TryFrame(position, out var type, out var payload, out var next))
            {
                onFrame(position, (int)(next - position), type, payload);
                position = next;
                validEnd = next;
                continue;
            }

            var found = Resync(position + 1);
            if (found < 0)
            {
                tailLength = end - position;
                break;
            }

            damage.Add(new DamagedRange(DamageKind.Corrupted, position, found - position, $"{found - position} bytes at offset {position} hold no valid record"));
            position = found;
        }

        return validEnd;
    }

    private long Resync(long from)
    {
        var p = from;
        while (p < window.End)
        {
            var span = window.Span(p, (int)Math.Min(ResyncChunk, window.End - p));
            if (span.Length == 0)
            {
                break;
            }

            var i = span.IndexOf(FileFormat.Marker);
            if (i < 0)
            {
                p += span.Length;
                continue;
            }

            var candidate = p + i;
            if (TryFrame(candidate, out _, out _, out var next) && StartsFrameOrEnds(next))
            {
                return candidate;
            }

            p = candidate + 1;
        }

        return -1;
    }

    private bool StartsFrameOrEnds(long position)
    {
        var next = window.Span(position, 1);
        return next.Length == 0 || next[0] == FileFormat.Marker;
    }

    private bool TryFrame(long position, out byte type, out ReadOnlySpan<byte> payload, out long next)
    {
        type = 0;
        payload = default;
        next = 0;
        if (window.End - position < 1 + FileFormat.FrameOverhead)
        {
            return false;
        }

        var head = window.Span(position, 1 + (2 * FileFormat.FrameHeaderSize));
        Span<byte> header = stackalloc byte[FileFormat.FrameHeaderSize];
        if (head.Length < 1 + FileFormat.FrameHeaderSize || head[0] != FileFormat.Marker || !Escaping.TryUnescape(head[1..], header, out _))
        {
            return false;
        }

        var declared = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (declared > FileFormat.MaxPayload)
        {
            return false;
        }

        var bodyLength = FileFormat.FrameOverhead + (int)declared;
        var raw = window.Span(position + 1, bodyLength);
        if (raw.Length < bodyLength)
        {
            return false;
        }

        ReadOnlySpan<byte> body;
        int stored;
        if (raw.IndexOfAny(FileFormat.Escape, FileFormat.Marker) < 0)
        {
            body = raw;
            stored = bodyLength;
        }
        else
        {
            var source = window.Span(position + 1, (int)Math.Min(2L * bodyLength, window.End - position - 1));
            var scratch = window.Scratch(bodyLength);
            if (!Escaping.TryUnescape(source, scratch, out stored))
            {
                return false;
            }

            body = scratch;
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(body[^4..]) != Crc32.HashToUInt32(body[..^4]))
        {
            return false;
        }

        type = body[4];
        payload = body[FileFormat.FrameHeaderSize..^4];
        next = position + 1 + stored;
        return true;
    }
}
